package pgtest

import "syscall"

// procAttr runs a PostgreSQL program as cred (nil: as the caller), in its
// own process group. The server gets SIGINT (a fast shutdown) if the test
// binary dies without stopping it, so no server outlives a killed test run.
func procAttr(cred *syscall.Credential, server bool) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Credential: cred}
	if server {
		a.Setpgid = true
		a.Pdeathsig = syscall.SIGINT
	}
	return a
}
