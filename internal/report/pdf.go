package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned by WritePDF when no Chromium browser is installed.
var ErrNoChromium = errors.New("no Chromium found: install Debian's chromium package (or chromium-headless-shell)")

// FindChromium returns the path of the Chromium browser WritePDF uses: $CSPERF_CHROMIUM when set,
// else the first of chromium, chromium-headless-shell (and a few other names) on the PATH, or
// Debian's locations of them.
func FindChromium() (string, error) {
	if p := os.Getenv("CSPERF_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CSPERF_CHROMIUM names %s: %w", p, err)
		}
		return p, nil
	}
	for _, n := range []string{"chromium", "chromium-headless-shell", "chromium-browser", "headless_shell", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/lib/chromium/headless_shell",
		"/usr/lib/chromium-headless-shell/chromium-headless-shell"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// HeadlessOptions are the options csperf starts Chromium exe with: headless, no sandbox (it runs as
// the service's own user in a container), the profile dir (fresh and empty), and nothing that reaches
// the network on its own (updates, sync, background requests), which a closed network refuses.
func HeadlessOptions(exe, dir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
	}
}

// WritePDF prints the report to PDF through headless Chromium (a fresh browser with its own empty
// profile, no network), A4, with the audience marking at the top of every page and the page number
// at the bottom. It returns ErrNoChromium when no browser is installed.
func WritePDF(ctx context.Context, w io.Writer, r *Report) error {
	exe, err := FindChromium()
	if err != nil {
		return err
	}
	var html bytes.Buffer
	if err := writeHTML(&html, r, forPDF); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "csperf-chromium-")
	if err != nil {
		return fmt.Errorf("print PDF: temporary browser profile: %w", err)
	}
	defer os.RemoveAll(dir)
	opts := HeadlessOptions(exe, dir)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	footer := fmt.Sprintf(`<div style="font: 8px Arial, Helvetica, sans-serif; color: #505a5f; width: 100%%; margin: 0 14mm; display: flex; justify-content: space-between;"><span>%s</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
		template.HTMLEscapeString(fmt.Sprintf("%s · %s · %s · %s", r.Audience.Short(), r.AuthorityName, r.Committee, r.Period.Label)))
	header := fmt.Sprintf(`<div style="font: bold 9px Arial, Helvetica, sans-serif; color: #0b0c0c; width: 100%%; text-align: center; margin: 0 14mm;">%s</div>`,
		template.HTMLEscapeString(r.Marking))
	var pdf []byte
	err = chromedp.Do(bctx,
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = chromedp.Call(ctx, page.SetDocumentContent,
				page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: html.String()})
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			const mm = 1 / 25.4 // inches
			var err error
			pdf, err = chromedp.Run(ctx, chromedp.PrintToPDF(
				chromedp.PDFPaper(chromedp.PaperSize{Width: 210 * mm, Height: 297 * mm}),
				chromedp.PDFMargins(20*mm, 14*mm, 18*mm, 14*mm),
				chromedp.PDFPrintBackground(),
				chromedp.PDFHeaderTemplate(header),
				chromedp.PDFFooterTemplate(footer),
				chromedp.PDFOutlineAndTagged(),
			))
			return err
		}),
	)
	if err != nil {
		if strings.Contains(err.Error(), "executable file not found") {
			return ErrNoChromium
		}
		return fmt.Errorf("print PDF with %s: %w", exe, err)
	}
	if _, err := w.Write(pdf); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}
