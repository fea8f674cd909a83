package api

import "context"

// cancelCheckEvery is how many items a loop over store data handles between two looks
// at its request's context: often enough that a client that hung up stops the work
// within a batch, rarely enough that the check costs nothing next to the item.
const cancelCheckEvery = 256

// untilDone wraps a scan callback so the scan stops (returns false) once ctx is
// cancelled; the context is looked at on the first item and every cancelCheckEvery
// items after it.
func untilDone[T any](ctx context.Context, fn func(T) bool) func(T) bool {
	n := 0
	return func(t T) bool {
		if n%cancelCheckEvery == 0 && ctx.Err() != nil {
			return false
		}
		n++
		return fn(t)
	}
}
