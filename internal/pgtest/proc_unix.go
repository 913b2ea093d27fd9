//go:build unix && !linux

package pgtest

import "syscall"

// procAttr runs a PostgreSQL program as cred (nil: as the caller), in its
// own process group.
func procAttr(cred *syscall.Credential, server bool) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Setpgid: server}
}
