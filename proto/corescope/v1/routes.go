package corescopev1

import (
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Route is one HTTP route declared by a CoreScopeAPI method's (corescope.v1.http) option.
type Route struct {
	RPC, Method, Path string
	Auth              bool
}

// Routes lists the HTTP routes of service CoreScopeAPI in declaration order.
func Routes() []Route {
	svc := File_corescope_v1_api_proto.Services().ByName("CoreScopeAPI")
	var out []Route
	for i := 0; i < svc.Methods().Len(); i++ {
		m := svc.Methods().Get(i)
		opts, ok := m.Options().(*descriptorpb.MethodOptions)
		if !ok || opts == nil || !proto.HasExtension(opts, E_Http) {
			out = append(out, Route{RPC: string(m.Name())})
			continue
		}
		h := proto.GetExtension(opts, E_Http).(*HttpRoute)
		out = append(out, Route{RPC: string(m.Name()), Method: h.GetMethod(), Path: h.GetPath(), Auth: h.GetAuth()})
	}
	return out
}
