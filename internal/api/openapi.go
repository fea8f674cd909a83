package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

var pathVar = regexp.MustCompile(`\{([^}]+)\}`)

var tagDescriptions = []struct{ name, desc string }{
	{"admin", "Health, statistics, performance and documentation"},
	{"analytics", "Aggregated network views"},
	{"channels", "Group channels and their messages"},
	{"config", "Client configuration"},
	{"nodes", "Mesh nodes"},
	{"observers", "Observer radios"},
	{"packets", "Transmissions and observations"},
}

// BuildSpec generates the OpenAPI 3.0.3 document from the route table and validates it.
func BuildSpec(ver string) (*openapi3.T, error) {
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info: &openapi3.Info{Title: "CoreScope API", Version: ver,
			Description: "REST API of the CoreScope MeshCore analyzer, generated from the server's route table.",
			License:     &openapi3.License{Name: "MIT"}},
		Paths: openapi3.NewPaths(),
		Components: &openapi3.Components{
			Schemas: schemas(),
			SecuritySchemes: openapi3.SecuritySchemes{"ApiKeyAuth": &openapi3.SecuritySchemeRef{
				Value: openapi3.NewSecurityScheme().WithType("apiKey").WithIn("header").WithName("X-API-Key")}},
		},
	}
	used := map[string]bool{}
	rs := routes()
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Path != rs[j].Path {
			return rs[i].Path < rs[j].Path
		}
		return rs[i].Method < rs[j].Method
	})
	for _, rt := range rs {
		op, err := operation(rt)
		if err != nil {
			return nil, err
		}
		used[rt.Tag] = true
		item := doc.Paths.Value(rt.Path)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(rt.Path, item)
		}
		item.SetOperation(rt.Method, op)
	}
	doc.Paths.Set("/ws", wsPath())
	for _, t := range tagDescriptions {
		if used[t.name] {
			doc.Tags = append(doc.Tags, &openapi3.Tag{Name: t.name, Description: t.desc})
		}
	}
	// Round-trip through the loader so every $ref is resolved, then validate.
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode openapi: %w", err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("load openapi: %w", err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validate openapi: %w", err)
	}
	return loaded, nil
}

func schemaRef(name string) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("#/components/schemas/"+name, nil)
}

func operation(rt route) (*openapi3.Operation, error) {
	if rt.Resp == "" {
		return nil, fmt.Errorf("route %s %s: no response schema", rt.Method, rt.Path)
	}
	op := openapi3.NewOperation()
	op.Summary, op.Tags, op.OperationID = rt.Summary, []string{rt.Tag}, operationID(rt)
	op.Description = rt.Desc
	for _, m := range pathVar.FindAllStringSubmatch(rt.Path, -1) {
		op.AddParameter(openapi3.NewPathParameter(m[1]).WithSchema(openapi3.NewStringSchema()))
	}
	for _, p := range rt.Query {
		op.AddParameter(openapi3.NewQueryParameter(p.Name).WithDescription(p.Desc).WithSchema(paramSchema(p.Type)))
	}
	if rt.Body != "" {
		op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(!rt.BodyOptional).WithJSONSchemaRef(schemaRef(rt.Body))}
	}
	ok := openapi3.NewResponse().WithDescription("OK")
	switch rt.Resp {
	case "HTML":
		ok.Content = openapi3.NewContentWithSchema(openapi3.NewStringSchema(), []string{"text/html"})
	case "Binary":
		ok.Content = openapi3.NewContentWithSchema(openapi3.NewStringSchema().WithFormat("binary"), []string{"application/octet-stream"})
	default:
		ok.Content = openapi3.NewContentWithJSONSchemaRef(schemaRef(rt.Resp))
	}
	if rt.CSV {
		ok.Content["text/csv"] = openapi3.NewMediaType().WithSchema(openapi3.NewStringSchema())
	}
	op.AddResponse(http.StatusOK, ok)
	statuses := append([]int(nil), rt.Status...)
	if rt.Gated {
		statuses = append(statuses, http.StatusServiceUnavailable)
	}
	if rt.Auth {
		statuses = append(statuses, http.StatusUnauthorized, http.StatusForbidden)
	}
	if rt.Body != "" {
		statuses = append(statuses, http.StatusBadRequest, http.StatusRequestEntityTooLarge)
	}
	for _, p := range rt.Query {
		if listParams[p.Name] { // parseList answers 400 above its bound
			statuses = append(statuses, http.StatusBadRequest)
			break
		}
	}
	for _, st := range statuses {
		if op.Responses.Value(strconv.Itoa(st)) != nil {
			continue
		}
		schema := "Error"
		switch {
		case st == http.StatusServiceUnavailable:
			schema = "Unavailable"
		case st >= 200 && st < 300: // e.g. 202 Accepted carries the route's own answer
			schema = rt.Resp
		}
		op.AddResponse(st, openapi3.NewResponse().WithDescription(http.StatusText(st)).WithJSONSchemaRef(schemaRef(schema)))
	}
	if rt.Auth || rt.Operator {
		op.Security = &openapi3.SecurityRequirements{openapi3.NewSecurityRequirement().Authenticate("ApiKeyAuth")}
	}
	return op, nil
}

func paramSchema(typ string) *openapi3.Schema {
	switch typ {
	case "integer":
		return openapi3.NewIntegerSchema()
	case "number":
		return openapi3.NewFloat64Schema()
	case "boolean":
		return openapi3.NewBoolSchema()
	}
	return openapi3.NewStringSchema()
}

// operationID turns "GET /api/nodes/{pubkey}/health" into "GETApiNodesPubkeyHealth".
func operationID(rt route) string {
	id := []byte(rt.Method)
	up := true
	for _, c := range []byte(rt.Path) {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			if up && c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			id = append(id, c)
			up = false
		default:
			up = true
		}
	}
	return string(id)
}

// SpecJSON is the pretty-printed OpenAPI document served by /api/spec.
func SpecJSON(ver string) ([]byte, error) {
	doc, err := BuildSpec(ver)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(doc, "", "  ")
}

func (s *Server) getSpec(w http.ResponseWriter, r *http.Request) {
	b, err := s.spec()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(append(b, '\n'))
}

// docsPage loads Swagger UI from the vendored swagger-ui-dist (internal/web /vendor/ prefix) and
// starts it from public/js/swagger-init.js: no inline script, so the CSP needs no exception.
const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CoreScope API</title>
<link rel="stylesheet" href="/vendor/swagger-ui-dist/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/vendor/swagger-ui-dist/swagger-ui-bundle.js"></script>
<script src="/js/swagger-init.js"></script>
</body></html>
`

func (s *Server) getDocs(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(docsPage))
}
