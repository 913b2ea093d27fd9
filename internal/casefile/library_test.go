package casefile

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestNewLibrary checks the library's order, default and lookups, that each
// case's JSON is its compact encoding, and that its version follows its
// content.
func TestNewLibrary(t *testing.T) {
	a, b := minimalCase(t), demoCase(t)
	a.ID, a.Title = "a-case", `A < "B" & C`
	l, err := NewLibrary(b, a)
	if err != nil {
		t.Fatal(err)
	}
	var _ Published = l
	if got := l.DefaultID(); got != b.ID {
		t.Errorf("DefaultID() = %q; want the first case, %q", got, b.ID)
	}
	diffLines(t, l.IDs(), []string{b.ID, "a-case"})
	if s := l.Summaries(); len(s) != 2 || s[0].ID != b.ID || s[1].Title != a.Title {
		t.Errorf("Summaries() = %+v", s)
	}
	e, ok := l.Case("a-case")
	if !ok || e.Case != a {
		t.Fatalf("Case(a-case) = %v, %v", e.Case, ok)
	}
	want, _ := json.Marshal(a)
	if !bytes.Equal(e.JSON, want) {
		t.Errorf("JSON is not the case's compact encoding")
	}
	if bytes.ContainsAny(e.JSON, "<>&") {
		t.Errorf("JSON carries <, > or & as is; it must be safe inside <script>: %s", e.JSON)
	}
	if _, ok := l.Case("nope"); ok {
		t.Error("Case(nope) found a case")
	}

	// The same content has the same version; any change makes a new one.
	same, _ := NewLibrary(minimalCase(t))
	again, _ := NewLibrary(minimalCase(t))
	changed := minimalCase(t)
	changed.Summary += " Corrected."
	other, _ := NewLibrary(changed)
	v1, _ := same.Case(changed.ID)
	v2, _ := again.Case(changed.ID)
	v3, _ := other.Case(changed.ID)
	if v1.Version == "" || v1.Version != v2.Version {
		t.Errorf("versions of the same case: %q and %q; want equal, not empty", v1.Version, v2.Version)
	}
	if v3.Version == v1.Version {
		t.Errorf("a changed case kept its version %q", v1.Version)
	}
}

func TestNewLibraryRefusesTwoCasesWithOneID(t *testing.T) {
	_, err := NewLibrary(minimalCase(t), minimalCase(t))
	if err == nil || !strings.Contains(err.Error(), minimalCase(t).ID) {
		t.Errorf("NewLibrary(two cases with one id) = %v; want an error naming the id", err)
	}
}

func TestEmptyLibrary(t *testing.T) {
	l, err := NewLibrary()
	if err != nil {
		t.Fatal(err)
	}
	if l.DefaultID() != "" || l.Default() != nil || len(l.Summaries()) != 0 {
		t.Errorf("an empty library has a default %q or summaries %v", l.DefaultID(), l.Summaries())
	}
}
