package analytics

import (
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// Audio Lab bounds (api.md §3 #73): the window is 1 minute to 24 hours, a bucket 1 s to
// 1 h, at most AudioMaxBuckets buckets; each bucket lists at most AudioMaxNotes packets
// (its count is always the full count).
const (
	AudioMinMinutes     = 1
	AudioMaxMinutes     = 1440
	AudioMinBucketSecs  = 1
	AudioMaxBucketSecs  = 3600
	AudioMaxBuckets     = 1440
	AudioMaxNotes       = 64
	AudioDefaultMinutes = 60
	AudioDefaultBucket  = 60
)

// AudioQuery selects the packets one sonification covers. To is the exclusive end,
// rounded up to a bucket boundary; zero means just after the newest packet, so a
// quiet mesh still has something to play (Now when there is none).
type AudioQuery struct {
	Minutes, BucketSecs int
	To, Now             time.Time
}

// Validate reports a parameter outside its documented bounds.
func (q AudioQuery) Validate() error {
	switch {
	case q.Minutes < AudioMinMinutes || q.Minutes > AudioMaxMinutes:
		return fmt.Errorf("minutes must be %d–%d", AudioMinMinutes, AudioMaxMinutes)
	case q.BucketSecs < AudioMinBucketSecs || q.BucketSecs > AudioMaxBucketSecs:
		return fmt.Errorf("bucket must be %d–%d seconds", AudioMinBucketSecs, AudioMaxBucketSecs)
	case q.BucketSecs > q.Minutes*60:
		return fmt.Errorf("bucket (%d s) must not exceed the window (%d min)", q.BucketSecs, q.Minutes)
	case (q.Minutes*60+q.BucketSecs-1)/q.BucketSecs > AudioMaxBuckets:
		return fmt.Errorf("window/bucket gives more than %d buckets", AudioMaxBuckets)
	}
	return nil
}

// AudioBuckets is the answer of GET /api/audio-lab/buckets: Buckets is the contract's
// per-type sample (api.md §3 #73), Timeline the time buckets the Audio Lab page plays.
type AudioBuckets struct {
	Buckets       map[string][]AudioSample `json:"buckets"`
	From          string                   `json:"from"`
	To            string                   `json:"to"`
	Minutes       int                      `json:"minutes"`
	BucketSeconds int                      `json:"bucket_seconds"`
	Total         int                      `json:"total"`
	Timeline      []AudioBucket            `json:"timeline"`
}

// AudioBucket is one time slice: [Start, Start+bucket_seconds).
type AudioBucket struct {
	Start   string      `json:"start"`
	Count   int         `json:"count"`
	Packets []AudioNote `json:"packets"`
}

// AudioNote is one packet as the page plays it: type → timbre, SNR → volume, hops → pitch.
type AudioNote struct {
	Hash     string   `json:"hash"`
	Time     string   `json:"time"`
	Type     int      `json:"type"`
	TypeName string   `json:"type_name"`
	SNR      *float64 `json:"snr"`
	Hops     int      `json:"hops"`
	Size     int      `json:"size"`
}

// ComputeAudioBuckets samples every payload type by size (audioSamples) and slices the
// window into equal buckets by first_seen, listing each bucket's packets in time order.
// The window's region (w.Observers) is honoured; its Since/Until are replaced by the query's.
func ComputeAudioBuckets(src Source, w Window, q AudioQuery) (AudioBuckets, error) {
	if err := q.Validate(); err != nil {
		return AudioBuckets{}, err
	}
	step := time.Duration(q.BucketSecs) * time.Second
	end := q.To
	if end.IsZero() {
		end = q.Now
		if newest, ok := newestFirstSeen(src, w); ok {
			end = newest.Add(time.Second)
		}
	}
	end = alignUp(end.UTC(), step)
	n := (q.Minutes*60 + q.BucketSecs - 1) / q.BucketSecs
	start := end.Add(-time.Duration(n) * step)
	out := AudioBuckets{Buckets: audioSamples(src, w), From: start.Format(time.RFC3339), To: end.Format(time.RFC3339),
		Minutes: q.Minutes, BucketSeconds: q.BucketSecs, Timeline: make([]AudioBucket, n)}
	for i := range out.Timeline {
		out.Timeline[i] = AudioBucket{Start: start.Add(time.Duration(i) * step).Format(time.RFC3339), Packets: []AudioNote{}}
	}
	// Since is exclusive in the store: ask from one second earlier, keep [start, end) here.
	w.Since, w.Until, w.Ascending = start.Add(-time.Second).Format(time.RFC3339), out.To, true
	src.Scan(w, func(t *store.Transmission) bool {
		ts, err := time.Parse(time.RFC3339, t.FirstSeen)
		if err != nil || ts.Before(start) || !ts.Before(end) {
			return true
		}
		b := &out.Timeline[int(ts.Sub(start)/step)]
		b.Count++
		out.Total++
		if len(b.Packets) < AudioMaxNotes {
			b.Packets = append(b.Packets, audioNote(t))
		}
		return true
	})
	for i := range out.Timeline {
		sortNotes(out.Timeline[i].Packets)
	}
	return out, nil
}

// newestFirstSeen is the latest first_seen of w; false when w holds no packet.
func newestFirstSeen(src Source, w Window) (time.Time, bool) {
	newest := ""
	src.Scan(w, func(t *store.Transmission) bool {
		if t.FirstSeen > newest {
			newest = t.FirstSeen
		}
		return true
	})
	ts, err := time.Parse(time.RFC3339, newest)
	return ts, err == nil
}

func alignUp(t time.Time, step time.Duration) time.Time {
	if d := t.Truncate(step); d.Before(t) {
		return d.Add(step)
	}
	return t
}
