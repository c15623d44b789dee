package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"csperf/internal/pseudo"
	"csperf/internal/store"
	"csperf/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[flags]",
		"Serves the web application: dashboard, indicator pages, drill-down, data quality, uploads,\n"+
			"reports and the JSON API, for the accounts in the database (see \"csperf user\").")
	dsn := fs.String("db", defaultDB(e), "SQLite file or postgres:// URL")
	keyPath := fs.String("key", defaultKey(e), "pseudonymisation secret (created on first use)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on")
	insecure := fs.Bool("insecure-cookies", false, "send the session cookie over plain HTTP to hosts other than localhost (behind a TLS proxy only)")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, key, err := openStore(ctx, *dsn, *keyPath)
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, e, st, key, *addr, *insecure, func(url string) {
		fmt.Fprintf(e.stdout, "csperf is running at %s; press Ctrl+C to stop\n", url)
	})
}

// serve runs the web application on addr until ctx ends, calling ready with its URL once listening.
func serve(ctx context.Context, e *env, st *store.Store, key *pseudo.Key, addr string, insecure bool, ready func(url string)) error {
	srv, err := web.New(web.Config{Store: st, Key: key, Log: e.log, InsecureCookies: insecure})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	ready("http://" + ln.Addr().String() + "/")
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
