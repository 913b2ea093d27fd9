-- wrk's script for Docket's load test. The arguments after "--" are pairs
-- of a path and the Accept-Encoding to send with it; each thread rotates
-- over them. At the end it prints one line, "LOADTEST {json}", with the
-- figures the load test reads (times in microseconds).

local prepared = {}
local last = 0

function init(args)
  for i = 1, #args, 2 do
    prepared[#prepared + 1] = wrk.format("GET", args[i], { ["Accept-Encoding"] = args[i + 1] })
  end
end

function request()
  last = last % #prepared + 1
  return prepared[last]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'LOADTEST {"requests":%.0f,"duration_us":%.0f,"bytes":%.0f,' ..
    '"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f,' ..
    '"p50_us":%.0f,"p90_us":%.0f,"p99_us":%.0f,"max_us":%.0f,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
