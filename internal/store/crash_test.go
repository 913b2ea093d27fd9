package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The crash test: a child process (this test binary again, told by
// crashChildEnv) saves and publishes as fast as it can and prints each
// write once the database has acknowledged it; the parent kills it with
// SIGKILL mid-burst, opens the database again, and checks that every
// acknowledged write is there and that no version is half-written.

const crashChildEnv = "DOCKET_STORE_CRASH_CHILD"

const (
	crashCases   = 4    // one writer goroutine per case
	crashPublish = 3    // every third save is also published
	crashKillAt  = 1000 // acknowledged writes before the kill
)

// crashJSON is the draft of case c at revision rev: large enough to span
// several pages, and checkable as a whole.
func crashJSON(c string, rev int64) []byte {
	pad := strings.Repeat(fmt.Sprintf("%s revision %d; ", c, rev), 300)
	return fmt.Appendf(nil, `{"id": %q, "title": "Crash %s", "revision": %d, "pad": %q}`, c, c, rev, pad)
}

func crashCaseID(i int) string { return fmt.Sprintf("crash-%d", i) }

// crashChild is the child's whole life: write until killed.
func crashChild(dbURL string) int {
	ctx := context.Background()
	db, err := Open(ctx, dbURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		return 1
	}
	var mu sync.Mutex
	ack := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stdout, format+"\n", args...) // unbuffered: out once written
	}
	var wg sync.WaitGroup
	for i := range crashCases {
		wg.Go(func() {
			id := crashCaseID(i)
			d, err := db.Draft(ctx, id)
			if err != nil {
				fmt.Fprintln(os.Stderr, "crash child:", err)
				os.Exit(1)
			}
			for rev := d.Revision; ; {
				d, err := db.SaveDraft(ctx, id, rev, crashJSON(id, rev+1), CommandLine)
				if err != nil {
					fmt.Fprintln(os.Stderr, "crash child: save:", err)
					os.Exit(1)
				}
				rev = d.Revision
				ack("save %s %d", id, rev)
				if rev%crashPublish == 0 {
					v, err := db.Publish(ctx, PublishRequest{CaseID: id, Revision: rev, Note: fmt.Sprint(rev)})
					if err != nil {
						fmt.Fprintln(os.Stderr, "crash child: publish:", err)
						os.Exit(1)
					}
					ack("publish %s %d %d", id, v.Number, rev)
				}
			}
		})
	}
	wg.Wait()
	return 0
}

func TestCrashSafety(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			u := b.url(t)
			db := openDB(t, u)
			for i := range crashCases {
				id := crashCaseID(i)
				if _, err := db.CreateCase(ctx, id, crashJSON(id, 1), CommandLine); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()

			saves, publishes, acked := runAndKill(t, u)

			db = openDB(t, u) // SQLite: recovers the WAL here
			if db.Kind() == "sqlite" {
				var check string
				if err := db.read.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
					t.Errorf("integrity_check = %q, %v", check, err)
				}
			}
			found, ahead := 0, 0
			for id, rev := range saves {
				d, err := db.Draft(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				// The draft is at the last acknowledged revision, or at
				// the one after it (saved, not yet acknowledged).
				switch d.Revision {
				case rev:
					found++
				case rev + 1:
					found++
					ahead++
				default:
					t.Errorf("%s: draft at revision %d; the last acknowledged save was %d", id, d.Revision, rev)
				}
				if !bytes.Equal(d.JSON, crashJSON(id, d.Revision)) {
					t.Errorf("%s: draft at revision %d is not what was saved (%d bytes)", id, d.Revision, len(d.JSON))
				}
			}
			for key, rev := range publishes {
				v, err := db.Version(ctx, key.id, key.number)
				if err != nil {
					t.Errorf("acknowledged version %d of %s: %v", key.number, key.id, err)
					continue
				}
				if !bytes.Equal(v.JSON, crashJSON(key.id, rev)) {
					t.Errorf("version %d of %s is not revision %d's JSON", key.number, key.id, rev)
					continue
				}
				found++
			}
			// Every version there, acknowledged or not, is whole, and the
			// numbers run 1, 2, 3... with no gap.
			versions := 0
			for i := range crashCases {
				id := crashCaseID(i)
				list, err := db.Versions(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				for j, v := range list {
					if want := len(list) - j; v.Number != want {
						t.Errorf("%s: version numbers %v have a gap", id, v.Number)
					}
					full, err := db.Version(ctx, id, v.Number)
					if err != nil {
						t.Fatal(err)
					}
					var doc struct{ Revision int64 }
					if err := json.Unmarshal(full.JSON, &doc); err != nil || !bytes.Equal(full.JSON, crashJSON(id, doc.Revision)) {
						t.Errorf("%s version %d is half-written (%d bytes): %v", id, v.Number, len(full.JSON), err)
					}
					versions++
				}
			}
			if found != len(saves)+len(publishes) {
				t.Errorf("found %d of %d drafts and acknowledged versions", found, len(saves)+len(publishes))
			}
			t.Logf("%s: SIGKILL after %d acknowledged writes (%d in all reached the parent: %d saves, %d publishes); "+
				"after reopening: all %d drafts at their last acknowledged revision (%d at the one after it, committed but not acknowledged), "+
				"all %d acknowledged versions found whole, %d versions in all, none half-written",
				b.name, crashKillAt, acked, acked-len(publishes), len(publishes), len(saves), ahead, len(publishes), versions)
		})
	}
}

type versionKey struct {
	id     string
	number int
}

// runAndKill starts the child, kills it after crashKillAt acknowledged
// writes, and returns what it acknowledged: the last revision saved per
// case, the draft revision of every version published, and the number of
// acknowledged writes (those printed before the kill took effect).
func runAndKill(t *testing.T, dbURL string) (saves map[string]int64, publishes map[versionKey]int64, acked int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dbURL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	saves, publishes = map[string]int64{}, map[versionKey]int64{}
	lines := bufio.NewScanner(out)
	n, killed := 0, false
	timeout := time.AfterFunc(3*time.Minute, func() { cmd.Process.Kill() })
	defer timeout.Stop()
	for lines.Scan() {
		n++
		var kind, id string
		var a, b int64
		if _, err := fmt.Sscan(lines.Text(), &kind, &id, &a); err != nil {
			t.Fatalf("child printed %q", lines.Text())
		}
		switch kind {
		case "save":
			saves[id] = max(saves[id], a)
		case "publish":
			fmt.Sscan(strings.Fields(lines.Text())[3], &b)
			publishes[versionKey{id, int(a)}] = b
		}
		if n == crashKillAt {
			killed = true
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
		}
	}
	io.Copy(io.Discard, out)
	err = cmd.Wait()
	if !killed {
		t.Fatalf("the child stopped after %d writes (%v): %s", n, err, stderr.String())
	}
	if !strings.Contains(fmt.Sprint(err), "killed") {
		t.Fatalf("the child ended with %v, not killed: %s", err, stderr.String())
	}
	return saves, publishes, n
}
