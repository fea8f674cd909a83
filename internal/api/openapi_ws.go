package api

import (
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
)

// wsPath documents GET /ws (the WebSocket upgrade), which is not in the route table
// because it is not a JSON endpoint: its query parameters and the frames it sends.
func wsPath() *openapi3.PathItem {
	op := openapi3.NewOperation()
	op.OperationID, op.Tags = "liveFeed", []string{"packets"}
	op.Summary = "Live packet feed (WebSocket upgrade)"
	op.Description = "Text frames {type, id?, data}. type \"packet\": one per observation, id = the observation row id " +
		"(rises in the order the server follows rows; use it to resume). type \"resume\": first frame after a connect " +
		"with afterId, data {afterId, replayed, complete}; complete=false means the bound (websocket.resumeMaxFrames, " +
		"websocket.resumeMaxMinutes) cut the backlog, so reload over REST. type \"lagged\": this client's queue " +
		"overflowed; data {afterId} is the last frame it was sent; the server then closes with 1008, and the client " +
		"reconnects with that afterId. Client messages: {type:\"subscribe\", region, types, node, scope} replaces the filter."
	for _, p := range []param{
		q("afterId", "integer", "resume: replay the missed packet frames with a larger id (in id order, filtered like live frames, bounded) before live frames, with no duplicate at the seam"),
		q("region", "string", "comma-separated observer IATA codes"),
		q("type", "string", "comma-separated payload types"),
		q("node", "string", "public-key prefix the packet must concern"),
		q("scope", "string", "comma-separated transport scopes, \"unscoped\", \"unknown\""),
	} {
		op.AddParameter(openapi3.NewQueryParameter(p.Name).WithDescription(p.Desc).WithSchema(paramSchema(p.Type)))
	}
	op.AddResponse(http.StatusSwitchingProtocols, openapi3.NewResponse().WithDescription("Switching Protocols: the WebSocket is open"))
	op.AddResponse(http.StatusForbidden, openapi3.NewResponse().WithDescription("Cross-site Origin"))
	op.AddResponse(http.StatusTooManyRequests, openapi3.NewResponse().WithDescription("Too many connections from this client (websocket.maxPerClient)"))
	item := &openapi3.PathItem{}
	item.SetOperation(http.MethodGet, op)
	return item
}
