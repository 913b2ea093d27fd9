package casefile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with a case file: where it is (File, and Line
// and Col when known) and which field (Path, such as
// "events[3].date.value"), with a message an editor can act on.
type Problem struct {
	File    string // file name as given to Check or Load; "" when unknown
	Line    int    // 1-based line, 0 when unknown
	Col     int    // 1-based column in characters, 0 when unknown
	Path    string // JSON path of the field; "" for the file as a whole
	Message string
}

// String formats the problem as "file:line:col: path: message", leaving out
// the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if p.File != "" {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%d:%d", p.Line, p.Col)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every problem found, in file order. It is an error so that
// Load can return all of them at once, one per line.
type Problems []Problem

// Error lists the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there are none, so callers never
// hold a non-nil error that wraps an empty list.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Strings returns each problem formatted by String; handy in tests and logs.
func (ps Problems) Strings() []string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return s
}

// sortByPosition orders problems by line and column, keeping the order of
// problems at the same place (and of those without one, which come first).
func (ps Problems) sortByPosition() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		return cmp.Compare(a.Col, b.Col)
	})
}

// problems collects Problems with formatted messages.
type problems struct{ list Problems }

func (ps *problems) add(path, format string, args ...any) {
	ps.list = append(ps.list, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// lineIndex turns byte offsets into 1-based lines and columns (counted in
// characters). It is built once per file so that a file with thousands of
// problems, even on one long line, costs about one pass over it.
type lineIndex struct {
	data   []byte
	starts []int // offset of the first byte of each line
	runes  []int // characters before each block of blockSize bytes
}

const blockSize = 1024

func newLineIndex(data []byte) *lineIndex {
	ix := &lineIndex{data: data, starts: []int{0}}
	n := 0
	for i, b := range data {
		if i%blockSize == 0 {
			ix.runes = append(ix.runes, n)
		}
		if b == '\n' {
			ix.starts = append(ix.starts, i+1)
		}
		if b&0xC0 != 0x80 { // not a UTF-8 continuation byte: a new character
			n++
		}
	}
	ix.runes = append(ix.runes, n)
	return ix
}

// runesBefore counts the characters in data[:off].
func (ix *lineIndex) runesBefore(off int) int {
	block := off / blockSize
	n := ix.runes[block]
	for _, b := range ix.data[block*blockSize : off] {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// position returns the line and column of the byte at offset. An offset at
// or past the end points just after the last character.
func (ix *lineIndex) position(offset int) (line, col int) {
	offset = min(max(offset, 0), len(ix.data))
	line, _ = slices.BinarySearch(ix.starts, offset+1) // lines starting at or before offset
	return line, 1 + ix.runesBefore(offset) - ix.runesBefore(ix.starts[line-1])
}

// position is the line and column of offset in data, for a one-off lookup.
func position(data []byte, offset int) (line, col int) {
	return newLineIndex(data).position(offset)
}

// field and index build JSON paths: field("events[3]", "date") is
// "events[3].date", index("events", 3) is "events[3]".
func field(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// parent is the path one step up: "events[3].date" for
// "events[3].date.value", "events" for "events[3]", "" for "title".
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}
