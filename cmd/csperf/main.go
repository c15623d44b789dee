// Command csperf is the children's services performance system: it generates synthetic councils,
// loads and checks the statutory returns, and (in later subcommands) computes, compares and reports
// the national indicators. Run "csperf help" for the list of subcommands.
package main

import (
	"context"
	"csperf/internal/pseudo"
	"csperf/internal/store"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
)

// command is one subcommand: its name, a one-line summary and the function that runs it.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every subcommand gets: where to write, and the process's environment.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader // nil when a command may not read it
	getenv         func(string) string
	log            *slog.Logger
}

func commands() []command {
	return []command{
		{"demo", "prepare a synthetic England in an embedded database and serve the web application on it", runDemo},
		{"serve", "serve the web application", runServe},
		{"synth", "write synthetic councils' returns (903 CSV and XML, CIN XML, workforce) to a folder", runSynth},
		{"load", "read, check and store a return (903 CSV/XML or CIN XML) as a snapshot", runLoad},
		{"validate", "run the DfE checks on a return's files without storing anything", runValidate},
		{"checks", "list the DfE checks csperf runs", runChecks},
		{"snapshots", "list the snapshots loaded", runSnapshots},
		{"scorecard", "an authority's indicators beside earlier values, comparators and a sentence each", runScorecard},
		{"report", "a committee's performance report for a period as HTML, PDF or Excel", runReport},
		{"targets", "import or export targets (milestone, target, stretch, tolerance)", runTargets},
		{"figures", "import or list local figures (indicators the returns do not hold)", runFigures},
		{"published", "import DfE's published statistics for comparisons", runPublished},
		{"kpi", "compute indicators for an authority at a date or as a series, with the children behind them", runKPI},
		{"user", "manage the web application's accounts: add, list, roles, disable, password", runUser},
		{"help", "show this list, or help for one subcommand", nil},
	}
}

// errUsage marks a mistake in the command line; the FlagSet has already said what it was.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes one command line and returns the exit status: 0 done, 1 failed, 2 bad usage.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(rest) > 0 {
			return run(ctx, e, []string{rest[0], "-h"})
		}
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name || c.run == nil {
			continue
		}
		err := c.run(ctx, e, rest)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(e.stderr, "csperf %s: %s\n", name, oneLine(err))
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "csperf: unknown subcommand %q (run \"csperf help\" for the list)\n", name)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "csperf: performance management for children's services")
	fmt.Fprintln(w, "\nUsage: csperf <subcommand> [flags]\n\nSubcommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"csperf help <subcommand>\" for its flags.")
}

// oneLine keeps an error message on one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// flags is a subcommand's FlagSet with the text of its help.
type flags struct {
	*flag.FlagSet
	e           *env
	args, about string
}

// newFlags returns the FlagSet of a subcommand. Mistakes are reported in one line by parse; the full
// help goes to stdout only when asked for with -h.
func newFlags(e *env, name, args string, about string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flags{FlagSet: fs, e: e, args: args, about: about}
}

// parse parses the command line: -h prints the help, a mistake is one line on stderr and errUsage.
func parse(fs *flags, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(fs.e.stdout, "Usage: csperf %s %s\n\n%s\n\nFlags:\n", fs.Name(), fs.args, fs.about)
		fs.SetOutput(fs.e.stdout)
		fs.PrintDefaults()
		return err
	default:
		fmt.Fprintf(fs.e.stderr, "csperf %s: %v (run \"csperf help %s\" for its flags)\n", fs.Name(), err, fs.Name())
		return errUsage
	}
}

// defaultDB is the embedded database used when --db is not given.
func defaultDB(e *env) string {
	if v := e.getenv("CSPERF_DB"); v != "" {
		return v
	}
	return "csperf.db"
}

// defaultKey is where the pseudonymisation secret lives unless --key or CSPERF_KEY says otherwise:
// outside the database, in the user's configuration folder.
func defaultKey(e *env) string {
	if v := e.getenv("CSPERF_KEY"); v != "" {
		return v
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return filepath.Join(".csperf", "pseudonym.key")
	}
	return filepath.Join(dir, "csperf", "pseudonym.key")
}

// openStore loads (or creates) the pseudonymisation key at keyPath and opens the database dsn.
func openStore(ctx context.Context, dsn, keyPath string) (*store.Store, *pseudo.Key, error) {
	key, err := pseudo.LoadOrCreate(keyPath)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	return st, key, nil
}
