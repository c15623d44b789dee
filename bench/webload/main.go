// Command webload measures the web application's dashboard pages under concurrent load: the
// latency (p50, p90, p99, max) and throughput of the scorecard and an indicator page of a loaded
// authority of the synthetic England, with many clients at once for a fixed time.
//
// It opens the store (a SQLite file or a postgres:// URL), prepares the demo England there when it is
// absent (demo.Defaults: 153 authorities, three loaded child by child, three years), signs in as the
// demo analyst through the sign-in form, serves the application in process on a loopback port (real
// TCP, keep-alive connections) and runs the clients after a warm-up.
//
//	go run ./bench/webload -db bench/out/web.db [-clients 50] [-duration 30s] [-paths /la/440/,…]
//
// Every response must be a 200: anything else counts as an error. -cpuprofile writes a CPU profile of
// the measured run (server and clients, which share the process).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"csperf/internal/demo"
	"csperf/internal/pseudo"
	"csperf/internal/store"
	"csperf/internal/web"
)

func main() {
	dsn := flag.String("db", "bench/out/web.db", "SQLite file or postgres:// URL (the demo England is prepared there when absent)")
	keyPath := flag.String("key", "", "pseudonymisation secret (default: $CSPERF_KEY, else a file beside a SQLite database, else a temporary one)")
	data := flag.String("data", "", "folder for the demo's generated files (default: a temporary folder)")
	clients := flag.Int("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "how long the clients run")
	warmup := flag.Duration("warmup", 3*time.Second, "how long all clients run before the measurement")
	paths := flag.String("paths", "", "comma-separated paths to request, in turn (default: the scorecard and one indicator page of the first loaded authority)")
	role := flag.String("role", "analyst", "demo account to sign in as: analyst, manager, member or admin")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured run to this file")
	flag.Parse()
	cfg := config{dsn: *dsn, key: *keyPath, data: *data, clients: *clients, duration: *duration, warmup: *warmup,
		role: *role, cpuprofile: *cpuprofile}
	if *paths != "" {
		cfg.paths = strings.Split(*paths, ",")
	}
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "webload:", err)
		os.Exit(1)
	}
}

type config struct {
	dsn, key, data   string
	clients          int
	duration, warmup time.Duration
	paths            []string
	role, cpuprofile string
}

func run(ctx context.Context, cfg config) error {
	if cfg.clients < 1 || cfg.duration <= 0 {
		return errors.New("need at least one client and a positive duration")
	}
	tmp, err := os.MkdirTemp("", "csperf-webload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	keyPath := cfg.key
	switch {
	case keyPath != "":
	case os.Getenv("CSPERF_KEY") != "":
		keyPath = os.Getenv("CSPERF_KEY")
	case !strings.HasPrefix(cfg.dsn, "postgres"):
		keyPath = cfg.dsn + ".key"
	default:
		keyPath = filepath.Join(tmp, "key")
	}
	key, err := pseudo.LoadOrCreate(keyPath)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.dsn)
	if err != nil {
		return err
	}
	defer st.Close()

	opt := demo.Defaults()
	opt.Dir = cfg.data
	if opt.Dir == "" {
		opt.Dir = filepath.Join(tmp, "demo")
	}
	res, err := demo.Prepare(ctx, st, key, opt)
	if err != nil {
		return err
	}
	if res.Reused {
		fmt.Printf("database: %s (the demo England already there)\n", redact(cfg.dsn))
	} else {
		fmt.Printf("database: %s (demo England prepared in %s: %d authorities, %d loaded from files)\n",
			redact(cfg.dsn), res.Elapsed.Round(100*time.Millisecond), opt.Authorities, len(res.Loaded))
	}
	accts, err := demo.Accounts(ctx, st, res.Loaded, web.HashPassword)
	if err != nil {
		return err
	}
	var acct *demo.Account
	for i := range accts {
		if accts[i].Role == cfg.role {
			acct = &accts[i]
		}
	}
	if acct == nil {
		return fmt.Errorf("no demo account with role %q", cfg.role)
	}

	// The server, in process, on a real loopback socket.
	srv, err := web.New(web.Config{Store: st, Key: key, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Shutdown(context.Background())
	base := "http://" + ln.Addr().String()

	tr := &http.Transport{MaxIdleConns: cfg.clients * 2, MaxIdleConnsPerHost: cfg.clients * 2, MaxConnsPerHost: 0,
		IdleConnTimeout: time.Minute, DisableCompression: true}
	cookie, err := signIn(tr, base, acct)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, []byte, error) {
		req, err := http.NewRequest(http.MethodGet, base+path, nil)
		if err != nil {
			return 0, nil, err
		}
		req.AddCookie(cookie)
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}

	paths := cfg.paths
	if len(paths) == 0 {
		la := res.Loaded[0]
		sc := fmt.Sprintf("/la/%d/", la)
		code, body, err := get(sc)
		if err != nil || code != http.StatusOK {
			return fmt.Errorf("scorecard %s: status %d: %v", sc, code, err)
		}
		m := regexp.MustCompile(fmt.Sprintf(`href="(/la/%d/indicator/[^"?]+)`, la)).FindSubmatch(body)
		if m == nil {
			return fmt.Errorf("the scorecard %s links to no indicator", sc)
		}
		paths = []string{sc, string(m[1])}
	}
	for _, p := range paths {
		code, body, err := get(p)
		if err != nil || code != http.StatusOK {
			return fmt.Errorf("%s: status %d: %v", p, code, err)
		}
		fmt.Printf("  %s: %d bytes\n", p, len(body))
	}
	fmt.Printf("machine: %d CPUs (GOMAXPROCS %d), %s; %d clients as the demo %s, keep-alive, loopback TCP\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), cfg.clients, cfg.role)

	if cfg.warmup > 0 {
		load(get, paths, cfg.clients, cfg.warmup)
	}
	var prof *os.File
	if cfg.cpuprofile != "" {
		if prof, err = os.Create(cfg.cpuprofile); err != nil {
			return err
		}
		defer prof.Close()
		if err := pprof.StartCPUProfile(prof); err != nil {
			return err
		}
	}
	start := time.Now()
	results := load(get, paths, cfg.clients, cfg.duration)
	elapsed := time.Since(start)
	if prof != nil {
		pprof.StopCPUProfile()
		fmt.Printf("CPU profile: %s (go tool pprof -top %s)\n", cfg.cpuprofile, cfg.cpuprofile)
	}
	report(os.Stdout, paths, results, elapsed)
	for _, r := range results {
		if r.errors > 0 {
			return fmt.Errorf("%d requests failed (first: %s)", r.errors, r.firstErr)
		}
	}
	return nil
}

// signIn posts the sign-in form as a browser would and returns the session cookie.
func signIn(tr http.RoundTripper, base string, a *demo.Account) (*http.Cookie, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Transport: tr, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequest(http.MethodPost, base+"/signin",
		strings.NewReader(url.Values{"email": {a.Email}, "password": {a.Password}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "csperf_session" && ck.Value != "" {
			return &http.Cookie{Name: ck.Name, Value: ck.Value}, nil
		}
	}
	return nil, fmt.Errorf("sign in as %s: status %d and no session cookie", a.Email, resp.StatusCode)
}

// pathResult is what the clients saw of one path.
type pathResult struct {
	latencies []time.Duration
	errors    int
	firstErr  string
}

// load runs clients for d, each requesting the paths in turn (starting at a different one), and
// returns the results by path.
func load(get func(string) (int, []byte, error), paths []string, clients int, d time.Duration) []pathResult {
	per := make([][]pathResult, clients)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := range clients {
		per[c] = make([]pathResult, len(paths))
		wg.Go(func() {
			mine := per[c]
			for i := c; time.Now().Before(deadline); i++ {
				k := i % len(paths)
				t0 := time.Now()
				code, _, err := get(paths[k])
				lat := time.Since(t0)
				r := &mine[k]
				r.latencies = append(r.latencies, lat)
				if err != nil || code != http.StatusOK {
					r.errors++
					if r.firstErr == "" {
						r.firstErr = fmt.Sprintf("%s: status %d %v", paths[k], code, err)
					}
				}
			}
		})
	}
	wg.Wait()
	out := make([]pathResult, len(paths))
	for _, rs := range per {
		for k, r := range rs {
			out[k].latencies = append(out[k].latencies, r.latencies...)
			out[k].errors += r.errors
			if out[k].firstErr == "" {
				out[k].firstErr = r.firstErr
			}
		}
	}
	return out
}

func report(w io.Writer, paths []string, results []pathResult, elapsed time.Duration) {
	fmt.Fprintf(w, "%-44s %9s %9s %8s %8s %8s %8s %7s\n", "path", "requests", "req/s", "p50", "p90", "p99", "max", "errors")
	var all pathResult
	line := func(name string, r pathResult) {
		l := slices.Clone(r.latencies)
		slices.Sort(l)
		q := func(p float64) string {
			if len(l) == 0 {
				return "-"
			}
			return ms(l[min(len(l)-1, int(p*float64(len(l))))])
		}
		mx := "-"
		if len(l) > 0 {
			mx = ms(l[len(l)-1])
		}
		fmt.Fprintf(w, "%-44s %9d %9.0f %8s %8s %8s %8s %7d\n", name, len(l), float64(len(l))/elapsed.Seconds(),
			q(0.50), q(0.90), q(0.99), mx, r.errors)
	}
	for k, p := range paths {
		line(p, results[k])
		all.latencies = append(all.latencies, results[k].latencies...)
		all.errors += results[k].errors
	}
	if len(paths) > 1 {
		line("all", all)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// redact hides a password in a database URL.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxx")
		}
		return u.String()
	}
	return dsn
}
