package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"

	"docket/internal/auth"
	"docket/internal/store"
)

// The synopses of `docket user`'s commands.
const (
	userAddSynopsis    = "user add [-db URL] [-role editor|admin] [-name NAME] LOGIN"
	userListSynopsis   = "user list [-db URL]"
	userPasswdSynopsis = "user passwd [-db URL] LOGIN"
	userRemoveSynopsis = "user remove [-db URL] LOGIN"
)

var userSynopses = map[string]string{
	"add": userAddSynopsis, "list": userListSynopsis, "passwd": userPasswdSynopsis, "remove": userRemoveSynopsis,
}

const userUsage = `Usage:
  docket ` + userAddSynopsis + `   create an account
  docket ` + userListSynopsis + `                                          list the accounts
  docket ` + userPasswdSynopsis + `                                  set a new password
  docket ` + userRemoveSynopsis + `                                  remove an account

LOGIN is an email address or a username. The password is $DOCKET_PASSWORD
when set; otherwise a random one is made and printed once. The first account
is an admin unless -role says otherwise. -db defaults to $DATABASE_URL, or
` + store.DefaultURL + `.
`

// userCommands are `docket user`'s commands, in the order help lists them.
var userCommands = []string{"add", "list", "passwd", "remove"}

// userFlags are the flags of `docket user COMMAND`; role and name are nil
// but for add.
func userFlags(command string, env Env) (fl *flag.FlagSet, dbURL, role, name *string) {
	fl = newFlags("user "+command, userSynopses[command], env)
	dbURL = fl.String("db", defaultDB(env), "database `URL`: sqlite:PATH or postgres://USER@HOST/DB (default $DATABASE_URL, or "+store.DefaultURL+")")
	if command == "add" {
		role = fl.String("role", "", "`ROLE`: editor or admin (default: admin for the first account, else editor)")
		name = fl.String("name", "", "display `NAME` (default: the login)")
	}
	return fl, dbURL, role, name
}

// userHelp prints every `docket user` command with its flags, for
// `docket help user`.
func userHelp(env Env) int {
	fmt.Fprint(env.Stdout, userUsage)
	for _, c := range userCommands {
		fl, _, _, _ := userFlags(c, env)
		fl.SetOutput(env.Stdout)
		fmt.Fprintln(env.Stdout)
		fl.Usage()
	}
	return 0
}

// user runs `docket user`: accounts managed from a script or a console.
func user(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, userUsage)
		return 2
	}
	switch args[0] {
	case "add", "list", "passwd", "remove":
	case "-h", "-help", "--help", "help":
		return userHelp(env)
	default:
		fmt.Fprintf(env.Stderr, "docket user: unknown command %q\n\n%s", args[0], userUsage)
		return 2
	}
	name := "user " + args[0]
	fl, dbURL, role, display := userFlags(args[0], env)
	if status, ok := parse(fl, args[1:], env); !ok {
		return status
	}
	wantArgs := 1
	if args[0] == "list" {
		wantArgs = 0
	}
	if fl.NArg() != wantArgs {
		if wantArgs == 0 {
			fmt.Fprintf(env.Stderr, "docket %s: unexpected argument %q\n", name, fl.Arg(0))
		} else {
			fmt.Fprintf(env.Stderr, "docket %s: name one account's LOGIN\n", name)
		}
		fl.Usage()
		return 2
	}
	var login string
	if wantArgs == 1 {
		var err error
		if login, err = auth.Login(fl.Arg(0)); err != nil {
			fmt.Fprintf(env.Stderr, "docket %s: %v\n", name, err)
			return 2
		}
	}

	db, err := store.Open(ctx, *dbURL)
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket %s: %v\n", name, err)
		return 1
	}
	defer db.Close()
	u := userCommand{ctx: ctx, db: db, env: env, hasher: auth.NewHasher(auth.DefaultParams, 1)}
	switch args[0] {
	case "add":
		err = u.add(login, *role, *display)
	case "list":
		err = u.list()
	case "passwd":
		err = u.passwd(login)
	case "remove":
		err = u.remove(login)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "docket %s: %v\n", name, err)
		return 1
	}
	return 0
}

type userCommand struct {
	ctx    context.Context
	db     *store.DB
	env    Env
	hasher *auth.Hasher
}

// password is $DOCKET_PASSWORD, checked against the rules, or a new random
// one that the command prints (generated is true); hash is what the
// database keeps of it.
func (u userCommand) password(login string) (password, hash string, generated bool, err error) {
	if password = u.env.Getenv("DOCKET_PASSWORD"); password != "" {
		if err := auth.CheckPassword(password, login); err != nil {
			return "", "", false, fmt.Errorf("DOCKET_PASSWORD: %w", err)
		}
	} else {
		password, generated = rand.Text(), true // 26 characters, 128 random bits
	}
	if hash, err = u.hasher.Hash(u.ctx, password); err != nil {
		return "", "", false, err
	}
	return password, hash, generated, nil
}

func (u userCommand) add(login, roleName, display string) error {
	role := store.RoleEditor
	if roleName == "" {
		if n, err := u.db.CountUsers(u.ctx); err != nil {
			return err
		} else if n == 0 {
			role = store.RoleAdmin
		}
	} else {
		var err error
		if role, err = store.ParseRole(roleName); err != nil {
			return err
		}
	}
	if display == "" {
		display = login
	}
	password, hash, generated, err := u.password(login)
	if err != nil {
		return err
	}
	if _, err := u.db.CreateUser(u.ctx, store.NewUser{Login: login, Name: display, Role: role, PasswordHash: hash}, store.CommandLine); err != nil {
		return err
	}
	fmt.Fprintf(u.env.Stdout, "docket user add: created %s (%s) in %s\n", login, role, u.db)
	if generated {
		fmt.Fprintf(u.env.Stdout, "password: %s\n(shown once; change it with docket user passwd)\n", password)
	}
	return nil
}

func (u userCommand) list() error {
	users, err := u.db.Users(u.ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintf(u.env.Stdout, "no accounts in %s: create one with docket user add LOGIN\n", u.db)
		return nil
	}
	w := tabwriter.NewWriter(u.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "LOGIN\tNAME\tROLE\tCREATED\tSTATE")
	for _, a := range users {
		state := "enabled"
		if a.Disabled {
			state = "disabled since " + a.DisabledAt.Format("2006-01-02")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", a.Login, a.Name, a.Role, a.Created.Format("2006-01-02 15:04 MST"), state)
	}
	return w.Flush()
}

func (u userCommand) passwd(login string) error {
	a, err := u.db.UserByLogin(u.ctx, login)
	if err != nil {
		return err
	}
	password, hash, generated, err := u.password(login)
	if err != nil {
		return err
	}
	if err := u.db.SetPassword(u.ctx, a.ID, hash, store.CommandLine); err != nil {
		return err
	}
	fmt.Fprintf(u.env.Stdout, "docket user passwd: new password for %s; its sessions have ended\n", login)
	if generated {
		fmt.Fprintf(u.env.Stdout, "password: %s\n(shown once)\n", password)
	}
	return nil
}

func (u userCommand) remove(login string) error {
	a, err := u.db.UserByLogin(u.ctx, login)
	if err != nil {
		return err
	}
	if err := u.db.RemoveUser(u.ctx, a.ID, store.CommandLine); err != nil {
		if errors.Is(err, store.ErrLastAdmin) {
			return fmt.Errorf("removing %s: %w: make another account an admin first", login, err)
		}
		return err
	}
	fmt.Fprintf(u.env.Stdout, "docket user remove: removed %s\n", login)
	return nil
}
