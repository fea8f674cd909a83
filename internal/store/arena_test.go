package store

import "testing"

func TestByteArena_AddStrDrop(t *testing.T) {
	var a byteArena
	words := []string{`["A1","B2"]`, "", `["C3"]`, string(make([]byte, 300))}
	offs := make([]int64, len(words))
	for i, w := range words {
		offs[i] = a.add(w)
	}
	for i, w := range words {
		if got := a.str(offs[i]); got != w {
			t.Fatalf("str(%d) = %q, want %q", offs[i], got, w)
		}
	}
	held := a.str(offs[0])
	a.dropBefore(offs[2])
	if a.str(offs[0]) != "" || a.str(offs[1]) != "" {
		t.Error("dropped offsets still answer")
	}
	if a.str(offs[2]) != words[2] || a.str(offs[3]) != words[3] {
		t.Error("kept offsets changed after dropBefore")
	}
	if held != words[0] {
		t.Errorf("a string handed out before the drop changed: %q", held)
	}
	if next := a.add("x"); a.str(next) != "x" || next != a.end()-2 {
		t.Errorf("add after drop: offset %d, end %d", next, a.end())
	}
	if a.str(-1) != "" || a.str(a.end()+10) != "" {
		t.Error("out-of-range offsets must answer empty")
	}
}

func TestByteArena_ObsText(t *testing.T) {
	var a byteArena
	const tx = "1500AABBCC0102030405"
	cases := []struct {
		path, raw       string
		hasPath, hasRaw bool
	}{
		{`["AB"]`, "1501AB0102030405", true, true},       // differs in the path: stored as a difference
		{"", "22", false, true},                          // shares nothing: verbatim
		{`[]`, "", true, false},                          // no raw
		{"", "", true, true},                             // empty values are kept, not dropped
		{`["AB","CD"]`, tx, true, true},                  // identical to the transmission's raw
		{`["A1"]`, "1500AABBCC010203040506", true, true}, // longer than the transmission's raw
	}
	offs := make([]int64, len(cases))
	for i, c := range cases {
		offs[i] = a.addObsText(c.path, c.raw, c.hasPath, c.hasRaw, tx)
	}
	if a.addObsText("x", "y", false, false, tx) != -1 {
		t.Error("an entry with nothing present must not be stored")
	}
	for i, c := range cases {
		p, hp := a.obsPath(offs[i])
		r, hr := a.obsRaw(offs[i], tx)
		if p != c.path || hp != c.hasPath || r != c.raw || hr != c.hasRaw {
			t.Errorf("case %d: got %q %v %q %v", i, p, hp, r, hr)
		}
	}
	if _, ok := a.obsPath(-1); ok {
		t.Error("offset -1 must be absent")
	}
	if _, ok := a.obsRaw(-1, tx); ok {
		t.Error("offset -1 must be absent")
	}
}
