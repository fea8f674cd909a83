package api

// MQTTHint tells a first-run page where observers publish: one per broker the ingestor subscribes
// to. It carries no host for remote brokers and never credentials: the getting-started panel shows
// this instance's own address for a local broker and only the source's name for a remote one.
type MQTTHint struct {
	Name   string `json:"name"`
	Scheme string `json:"scheme"`
	Port   int    `json:"port"`
	// Local is true when the broker runs on this machine (localhost, a loopback address or an
	// unspecified bind address), so the browser may substitute the host it loaded the page from.
	Local bool `json:"local"`
	// TopicPrefix is the first segment observers publish under (meshcore/<IATA>/<OBSERVER>/packets).
	TopicPrefix string `json:"topicPrefix"`
}
