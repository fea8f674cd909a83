package store

import "strings"

// strtab interns strings to dense uint32 ids; id 0 is reserved for "absent".
// Tables only grow (ids must stay valid while any row refers to them); the number of
// distinct observer ids, pubkeys, channels, directions and hop paths is small next
// to the number of rows.
type strtab struct {
	ids  map[string]uint32
	strs []string
}

func newStrtab() strtab { return strtab{ids: map[string]uint32{}, strs: []string{""}} }

// id interns s and returns its id.
func (t *strtab) id(s string) uint32 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	id := uint32(len(t.strs))
	s = strings.Clone(s) // do not pin the caller's (possibly large) backing buffer
	t.strs = append(t.strs, s)
	t.ids[s] = id
	return id
}

// lookup returns s's id without interning it (0 when unknown).
func (t *strtab) lookup(s string) uint32 { return t.ids[s] }

// str returns the string of id ("" for 0).
func (t *strtab) str(id uint32) string { return t.strs[id] }

// ptr returns a pointer to the interned string, nil for id 0. Callers must not write
// through it; the pointed-to strings are immutable.
func (t *strtab) ptr(id uint32) *string {
	if id == 0 {
		return nil
	}
	return &t.strs[id]
}

// pathtab interns resolved hop paths (sequences of pubkey ids, 0 = unresolved hop);
// observations of the same route share one entry. Id 0 is the absent path.
type pathtab struct {
	ids   map[string]uint32
	paths [][]uint32
}

func newPathtab() pathtab { return pathtab{ids: map[string]uint32{}, paths: [][]uint32{nil}} }

func (t *pathtab) id(hops []uint32) uint32 {
	if hops == nil {
		return 0
	}
	key := make([]byte, 0, 4*len(hops)+1)
	key = append(key, 'p')
	for _, h := range hops {
		key = append(key, byte(h), byte(h>>8), byte(h>>16), byte(h>>24))
	}
	if id, ok := t.ids[string(key)]; ok {
		return id
	}
	id := uint32(len(t.paths))
	t.paths = append(t.paths, append([]uint32(nil), hops...))
	t.ids[string(key)] = id
	return id
}

func (t *pathtab) get(id uint32) []uint32 { return t.paths[id] }
