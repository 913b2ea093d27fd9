// Package pgtest starts a throwaway PostgreSQL server for tests, from the
// binaries of Debian's postgresql package (or initdb and postgres on PATH),
// and gives each test a database of its own.
//
// The server lives in a temporary folder, listens only on a Unix socket in
// that folder (no TCP port to collide with), and is stopped and removed when
// the test binary ends. PostgreSQL refuses to run as root; as root, the
// server runs as the postgres user that Debian's package creates.
//
// A package's tests use it through TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
//
// and ask for a database with pgtest.Database(t). When PostgreSQL is not
// installed, Database skips the test with a message saying how to install it,
// except when CI=true, where it fails: CI never skips the PostgreSQL tests.
package pgtest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Install says how to get PostgreSQL's binaries, for skip and error messages.
const Install = "install Debian's postgresql package ('sudo apt-get install postgresql', or 'make test' as root, which installs it), or put initdb and postgres on PATH, or set PG_BIN to their folder"

// ErrNotInstalled means no PostgreSQL binaries were found.
var ErrNotInstalled = errors.New("PostgreSQL is not installed: " + Install)

// Server is a running PostgreSQL server that a test binary started.
type Server struct {
	dir     string // the temporary folder: data/ and the socket
	socket  string // the folder holding the server's socket
	bin     string // the folder of initdb and postgres
	cmd     *exec.Cmd
	exited  chan struct{}
	log     *bytes.Buffer
	logMu   *sync.Mutex
	admin   *sql.DB
	counter int
	mu      sync.Mutex

	// Started is how long initdb and the server's start took.
	Started time.Duration
}

var shared struct {
	once   sync.Once
	server *Server
	err    error
}

// Run runs a package's tests and stops the shared server, if a test started
// it. Call it from TestMain.
func Run(m *testing.M) int {
	code := m.Run()
	if shared.server != nil {
		if err := shared.server.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stopping PostgreSQL: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Shared returns the package's one server, starting it at the first call.
// Without Run in TestMain, it is never stopped.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() {
		shared.server, shared.err = Start(context.Background())
	})
	if shared.err != nil {
		if errors.Is(shared.err, ErrNotInstalled) && os.Getenv("CI") != "true" {
			t.Skipf("skipping the PostgreSQL tests: %v", shared.err)
		}
		t.Fatalf("PostgreSQL: %v", shared.err)
	}
	return shared.server
}

// Database returns the URL of a new, empty database on the shared server,
// dropped when the test ends.
func Database(t testing.TB) string {
	t.Helper()
	return Shared(t).Database(t)
}

// Binaries finds the folder of initdb and postgres: $PG_BIN, the newest
// /usr/lib/postgresql/*/bin (Debian), or the folder of initdb on PATH.
func Binaries() (string, error) {
	if dir := os.Getenv("PG_BIN"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err != nil {
			return "", fmt.Errorf("PG_BIN=%s has no initdb: %w", dir, ErrNotInstalled)
		}
		return dir, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	slices.SortFunc(found, func(a, b string) int { return majorOf(a) - majorOf(b) })
	if len(found) > 0 {
		return filepath.Dir(found[len(found)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNotInstalled
}

// majorOf reads the major version from /usr/lib/postgresql/N/bin/initdb.
func majorOf(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// Start creates a cluster in a new temporary folder and starts a server on
// it. Stop stops it and removes the folder.
func Start(ctx context.Context) (*Server, error) {
	bin, err := Binaries()
	if err != nil {
		return nil, err
	}
	begin := time.Now()
	removeStale()
	dir, err := os.MkdirTemp("", "docket-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, socket: filepath.Join(dir, "run"), bin: bin, log: new(bytes.Buffer), logMu: new(sync.Mutex), exited: make(chan struct{})}
	if err := s.start(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	s.Started = time.Since(begin)
	return s, nil
}

func (s *Server) start(ctx context.Context) error {
	cred, err := runAs()
	if err != nil {
		return err
	}
	for _, d := range []string{s.dir, s.socket} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
		if cred != nil {
			if err := os.Chown(d, int(cred.Uid), int(cred.Gid)); err != nil {
				return err
			}
		}
	}
	data := filepath.Join(s.dir, "data")
	initdb := exec.CommandContext(ctx, filepath.Join(s.bin, "initdb"),
		"-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = procAttr(cred, false)
	initdb.Dir = s.dir
	initdb.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C"}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	// A server for tests: only a socket, and no waiting for the disk. The
	// data is thrown away, and a client's crash (what the tests kill) does
	// not touch the server.
	s.cmd = exec.Command(filepath.Join(s.bin, "postgres"), "-D", data,
		"-c", "listen_addresses=", "-c", "unix_socket_directories="+s.socket,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200", "-c", "shared_buffers=32MB")
	s.cmd.SysProcAttr = procAttr(cred, true)
	s.cmd.Dir = s.dir
	s.cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C"}
	s.cmd.Stdout = lockedWriter{s.logMu, s.log}
	s.cmd.Stderr = lockedWriter{s.logMu, s.log}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	go func() { s.cmd.Wait(); close(s.exited) }()

	s.admin, err = sql.Open("pgx", s.url("postgres"))
	if err != nil {
		return err
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := s.admin.PingContext(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("postgres exited at start:\n%s", s.output())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not answer within a minute: %v\n%s", err, s.output())
		}
	}
}

// removeStale removes the folders of servers that a killed test binary
// left behind (the server itself stopped when the binary died): older than
// an hour, with no postmaster.pid (which a running server holds).
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "docket-pg-*"))
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil || time.Since(info.ModTime()) < time.Hour {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "data", "postmaster.pid")); errors.Is(err, os.ErrNotExist) {
			os.RemoveAll(d)
		}
	}
}

// runAs returns the credentials to run PostgreSQL with: the postgres user's
// when running as root (PostgreSQL refuses root), else nil (the caller's).
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL refuses to run as root, and there is no postgres user to run it as (%v): %s", err, Install)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func (s *Server) url(db string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/" + db,
		RawQuery: url.Values{"host": {s.socket}, "sslmode": {"disable"}}.Encode()}
	return u.String()
}

func (s *Server) output() string {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.log.String()
}

// NewDatabase creates an empty database and returns its URL.
func (s *Server) NewDatabase(ctx context.Context) (name, dbURL string, err error) {
	s.mu.Lock()
	s.counter++
	name = fmt.Sprintf("test_%d", s.counter)
	s.mu.Unlock()
	// A name made here, never from input: CREATE DATABASE takes no parameters.
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", "", fmt.Errorf("create database %s: %w", name, err)
	}
	return name, s.url(name), nil
}

// DropDatabase removes a database NewDatabase made, closing its connections.
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	_, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}

// Database returns the URL of a new database, dropped when the test ends.
func (s *Server) Database(t testing.TB) string {
	t.Helper()
	name, u, err := s.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.DropDatabase(context.Background(), name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return u
}

// Stop stops the server (a fast shutdown) and removes its folder.
func (s *Server) Stop() error {
	if s.admin != nil {
		s.admin.Close()
	}
	var err error
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.exited:
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
			err = errors.New("postgres did not stop within 30 s; killed it")
		}
	}
	if rmErr := os.RemoveAll(s.dir); rmErr != nil && err == nil {
		err = rmErr
	}
	return err
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
