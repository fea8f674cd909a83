package api

// defaultTheme returns the built-in theme blocks; config.json and theme.json override keys.
func defaultTheme() map[string]map[string]any {
	return map[string]map[string]any{
		"branding": {"siteName": "CoreScope", "tagline": "MeshCore network analyzer", "logoUrl": "", "faviconUrl": ""},
		"theme": {
			"accent": "#2563eb", "accentHover": "#1d4ed8", "navBg": "#0f172a", "navBg2": "#1e293b", "navText": "#f8fafc",
			"navTextMuted": "#94a3b8", "background": "#f8fafc", "text": "#0f172a", "textMuted": "#64748b", "border": "#e2e8f0",
			"surface1": "#ffffff", "surface2": "#f1f5f9", "surface3": "#e2e8f0", "sectionBg": "#f1f5f9", "cardBg": "#ffffff",
			"contentBg": "#f8fafc", "detailBg": "#ffffff", "inputBg": "#ffffff", "rowStripe": "#f8fafc", "rowHover": "#eef2ff",
			"selectedBg": "#dbeafe", "statusGreen": "#16a34a", "statusYellow": "#ca8a04", "statusRed": "#dc2626",
		},
		"themeDark": {
			"accent": "#60a5fa", "accentHover": "#93c5fd", "navBg": "#020617", "navBg2": "#0f172a", "navText": "#f8fafc",
			"navTextMuted": "#94a3b8", "background": "#0b1120", "text": "#e2e8f0", "textMuted": "#94a3b8", "border": "#1e293b",
			"surface1": "#111827", "surface2": "#1f2937", "surface3": "#374151", "sectionBg": "#111827", "cardBg": "#111827",
			"contentBg": "#0b1120", "detailBg": "#111827", "inputBg": "#1f2937", "rowStripe": "#0f172a", "rowHover": "#1e293b",
			"selectedBg": "#1e3a8a", "statusGreen": "#22c55e", "statusYellow": "#eab308", "statusRed": "#ef4444",
		},
		"nodeColors": {"repeater": "#dc2626", "companion": "#2563eb", "room": "#16a34a", "sensor": "#d97706", "observer": "#7c3aed"},
		"typeColors": {
			"ADVERT": "#16a34a", "GRP_TXT": "#2563eb", "TXT_MSG": "#7c3aed", "ACK": "#64748b", "REQ": "#d97706",
			"RESPONSE": "#0891b2", "TRACE": "#db2777", "PATH": "#4f46e5", "ANON_REQ": "#b45309", "UNKNOWN": "#94a3b8",
		},
		"home": {
			"heroTitle": "CoreScope", "heroSubtitle": "Live view of the MeshCore mesh",
			"steps": []any{
				map[string]any{"emoji": "ph:broadcast", "title": "Observers listen", "description": "Radios publish every packet they hear to MQTT."},
				map[string]any{"emoji": "ph:database", "title": "Packets are decoded", "description": "The ingestor decodes and stores each packet."},
				map[string]any{"emoji": "ph:map-trifold", "title": "Explore the mesh", "description": "Browse packets, nodes, channels and the live map."},
			},
			"footerLinks": []any{},
		},
	}
}
