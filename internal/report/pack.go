package report

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"csperf/internal/indicator"
)

// Pack is a committee's report definition: who it is for, its title and its sections, each a list of
// catalogue indicators.
type Pack struct {
	Name      string // the built-in pack's name, or the file it was read from
	Committee string // e.g. "Corporate Parenting Panel"
	Title     string // e.g. "Children looked after and care leavers"
	Sections  []PackSection
}

// PackSection is one section (service area) of a pack.
type PackSection struct {
	Title      string
	About      string   // one sentence on what the section covers; may be empty
	Indicators []string // catalogue ids, in the order shown
}

//go:embed packs/*.yaml
var packFiles embed.FS

// BuiltInPacks returns the names of the packs built into csperf, in alphabetical order.
func BuiltInPacks() []string {
	entries, err := packFiles.ReadDir("packs")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	slices.Sort(names)
	return names
}

// LoadPack returns the built-in pack called name ("corporate-parenting", "cyp-scrutiny"), or reads
// the pack definition file at that path (YAML or JSON) when name is not a built-in pack.
func LoadPack(name string) (*Pack, error) {
	if slices.Contains(BuiltInPacks(), name) {
		b, err := packFiles.ReadFile("packs/" + name + ".yaml")
		if err != nil {
			return nil, fmt.Errorf("read built-in pack %s: %w", name, err)
		}
		return ParsePack(name, bytes.NewReader(b))
	}
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(name, `/\.`) {
			return nil, fmt.Errorf("no pack called %q: the built-in packs are %s; or give the path of a pack file (.yaml or .json)",
				name, strings.Join(BuiltInPacks(), " and "))
		}
		return nil, fmt.Errorf("cannot open pack file: %w", err)
	}
	defer f.Close()
	return ParsePack(name, f)
}

// packFile is the layout of a pack definition file.
type packFile struct {
	Committee string            `yaml:"committee"`
	Title     string            `yaml:"title"`
	Sections  []packFileSection `yaml:"sections"`
}

type packFileSection struct {
	Title      string `yaml:"title"`
	About      string `yaml:"about"`
	Outcome    idAt   `yaml:"outcome"`    // every single-figure indicator of a framework outcome
	Indicators []idAt `yaml:"indicators"` // catalogue ids
	line       int    // where the section starts
}

// idAt is a scalar with the line and column it was written on.
type idAt struct {
	Value        string
	Line, Column int
}

func (p *idAt) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a single id, found a list or mapping", n.Line)
	}
	p.Value, p.Line, p.Column = strings.TrimSpace(n.Value), n.Line, n.Column
	return nil
}

func (s *packFileSection) UnmarshalYAML(n *yaml.Node) error {
	type plain packFileSection // without this method
	var p plain
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a section is a mapping with title and indicators (or outcome)", n.Line)
	}
	// Unknown fields are caught here too, since the decoder's KnownFields does not reach inside a
	// custom unmarshaller.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch k.Value {
		case "title", "about", "outcome", "indicators":
		default:
			return fmt.Errorf("line %d: unknown field %q in a section (expected title, about, outcome, indicators)", k.Line, k.Value)
		}
	}
	if err := n.Decode(&p); err != nil {
		return err
	}
	*s = packFileSection(p)
	s.line = n.Line
	return nil
}

// ParsePack reads a pack definition (YAML, or JSON, which is YAML too) named name. Mistakes are
// reported with the name, the line and the field: an unknown field, a missing title, an unknown
// indicator id or outcome.
func ParsePack(name string, r io.Reader) (*Pack, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read pack %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f packFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("pack %s is empty: it needs committee, title and sections", name)
		}
		// YAML quotes the offending value as it is, newlines included; keep the message one line.
		return nil, fmt.Errorf("pack %s: %s", name, strings.ReplaceAll(yamlMessage(err), "\n", `\n`))
	}
	p := &Pack{Name: name, Committee: strings.TrimSpace(f.Committee), Title: strings.TrimSpace(f.Title)}
	if p.Committee == "" {
		return nil, fmt.Errorf("pack %s: field committee is missing: name the committee the pack is for", name)
	}
	if p.Title == "" {
		return nil, fmt.Errorf("pack %s: field title is missing", name)
	}
	if len(f.Sections) == 0 {
		return nil, fmt.Errorf("pack %s: field sections is missing or empty", name)
	}
	outcomes := map[string]indicator.Outcome{}
	var outcomeIDs []string
	for _, o := range indicator.Outcomes() {
		outcomes[o.ID] = o
		outcomeIDs = append(outcomeIDs, o.ID)
	}
	var ids []string
	for _, ind := range indicator.Catalogue() {
		ids = append(ids, ind.ID)
	}
	seen := map[string]string{}
	for i, fs := range f.Sections {
		where := func(line int, field string) string {
			return fmt.Sprintf("pack %s line %d: sections[%d].%s", name, line, i, field)
		}
		s := PackSection{Title: strings.TrimSpace(fs.Title), About: strings.TrimSpace(fs.About)}
		if fs.Outcome.Value != "" {
			o, ok := outcomes[fs.Outcome.Value]
			if !ok {
				return nil, fmt.Errorf("%s: unknown outcome %q (the outcomes are %s)", where(fs.Outcome.Line, "outcome"),
					fs.Outcome.Value, strings.Join(outcomeIDs, ", "))
			}
			if len(fs.Indicators) > 0 {
				return nil, fmt.Errorf("%s: give either outcome or indicators, not both", where(fs.Outcome.Line, "outcome"))
			}
			if s.Title == "" {
				s.Title = o.Title
			}
			for _, ind := range indicator.Catalogue() {
				if ind.Outcome == o.ID && ind.Categories == nil {
					s.Indicators = append(s.Indicators, ind.ID)
				}
			}
			if len(s.Indicators) == 0 {
				continue // an enabler with no indicators yet
			}
		} else {
			if s.Title == "" {
				return nil, fmt.Errorf("%s: a section needs a title", where(fs.line, "title"))
			}
			if len(fs.Indicators) == 0 {
				return nil, fmt.Errorf("%s: section %q lists no indicators (give indicators or an outcome)", where(fs.line, "indicators"), s.Title)
			}
			for j, id := range fs.Indicators {
				field := fmt.Sprintf("indicators[%d]", j)
				ind, ok := indicator.Lookup(id.Value)
				if !ok {
					msg := fmt.Sprintf("%s: unknown indicator %q", where(id.Line, field), id.Value)
					if near := closest(id.Value, ids); near != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", near)
					}
					return nil, errors.New(msg)
				}
				if ind.Categories != nil {
					return nil, fmt.Errorf("%s: %q is a breakdown into categories; a pack shows single figures", where(id.Line, field), id.Value)
				}
				s.Indicators = append(s.Indicators, ind.ID)
			}
		}
		for _, id := range s.Indicators {
			if other, dup := seen[id]; dup {
				return nil, fmt.Errorf("pack %s: indicator %q is in two sections (%q and %q)", name, id, other, s.Title)
			}
			seen[id] = s.Title
		}
		p.Sections = append(p.Sections, s)
	}
	return p, nil
}

// yamlMessage turns the decoder's error into one plain line: "yaml: unmarshal errors:\n  line 3:
// field foo not found in type report.packFile" becomes "line 3: unknown field foo".
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var parts []string
		for _, e := range te.Errors {
			e = strings.Replace(e, "not found in type report.packFile", "is not a pack field (expected committee, title, sections)", 1)
			e = strings.Replace(e, "field ", "unknown field ", 1)
			if strings.Contains(e, "cannot unmarshal") {
				e = strings.Replace(e, "unknown field ", "field ", 1)
			}
			parts = append(parts, e)
		}
		return strings.Join(parts, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// closest returns the id in ids nearest to s by edit distance, when it is near enough to be a typo.
func closest(s string, ids []string) string {
	best, bestD := "", 4
	for _, id := range ids {
		if d := editDistance(s, id); d < bestD {
			best, bestD = id, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// packName is how a pack is named on the cover: a built-in pack's name, or a file's base name.
func packName(p *Pack) string { return filepath.Base(p.Name) }
