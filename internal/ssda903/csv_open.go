package ssda903

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OpenPaths opens the CSV files named by paths for ReadCSV. A path may be a file (read whatever its
// name), a folder (searched recursively for *.csv files, skipping hidden ones) or a .zip archive (its
// *.csv entries). A file is marked Previous when a folder on its path is called "previous" or
// "last-year", or its name ends in "_last.csv" or "_previous.csv". Entries inside a zip archive are
// named "archive.zip/entry.csv". closeAll closes everything opened; on error nothing is left open.
func OpenPaths(paths []string) (inputs []Input, closeAll func() error, err error) {
	var closers []io.Closer
	closeAll = func() error {
		var errs []error
		for i := len(closers) - 1; i >= 0; i-- {
			errs = append(errs, closers[i].Close())
		}
		closers = nil
		return errors.Join(errs...)
	}
	openFile := func(path string) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		closers = append(closers, f)
		inputs = append(inputs, Input{Name: path, Data: f, Previous: isPrevious(path)})
		return nil
	}
	openZip := func(path string) error {
		z, err := zip.OpenReader(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		closers = append(closers, z)
		for _, f := range z.File {
			if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || !isCSVName(f.Name) {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return fmt.Errorf("%s/%s: %w", path, f.Name, err)
			}
			closers = append(closers, rc)
			name := path + "/" + f.Name
			inputs = append(inputs, Input{Name: name, Data: rc, Previous: isPrevious(name)})
		}
		return nil
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		switch {
		case err != nil:
		case fi.IsDir():
			err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				switch {
				case err != nil:
					return err
				case path != p && strings.HasPrefix(d.Name(), "."):
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				case d.IsDir() || !isCSVName(path):
					return nil
				}
				return openFile(path)
			})
		case strings.EqualFold(filepath.Ext(p), ".zip"):
			err = openZip(p)
		default:
			err = openFile(p)
		}
		if err != nil {
			_ = closeAll()
			return nil, nil, err
		}
	}
	return inputs, closeAll, nil
}

// isCSVName reports whether a file name ends in .csv (any case) and is not hidden.
func isCSVName(name string) bool {
	base := baseName(name)
	return !strings.HasPrefix(base, ".") && strings.EqualFold(filepath.Ext(base), ".csv")
}

// baseName is the last element of a path written with / or \ separators.
func baseName(path string) string {
	return path[strings.LastIndexAny(path, `/\`)+1:]
}

// isPrevious reports whether a path names one of last year's files: a folder on it is called
// "previous" or "last-year", or its name ends in "_last.csv" or "_previous.csv".
func isPrevious(path string) bool {
	parts := strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '\\' })
	if len(parts) == 0 {
		return false
	}
	for _, dir := range parts[:len(parts)-1] {
		if strings.EqualFold(dir, "previous") || strings.EqualFold(dir, "last-year") {
			return true
		}
	}
	base := strings.ToLower(parts[len(parts)-1])
	return strings.HasSuffix(base, "_last.csv") || strings.HasSuffix(base, "_previous.csv")
}
