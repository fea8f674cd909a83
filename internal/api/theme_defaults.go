package api

// defaultTheme returns the built-in theme blocks; config.json and theme.json override keys.
func defaultTheme() map[string]map[string]any {
	return map[string]map[string]any{
		"branding": {"siteName": "CoreScope", "tagline": "MeshCore network analyzer", "logoUrl": "", "faviconUrl": ""},
		// The colour blocks are this UI's own palette (public/css/base.css), so an unconfigured server
		// repaints nothing and any other value is the operator's choice. Keys without a token of their
		// own (accentHover, navBg2, sectionBg, cardBg, contentBg, detailBg, inputBg) carry the token the
		// UI paints those surfaces with. TestDefaultTheme_MatchesBaseCSSPalette keeps them in step.
		"theme": {
			"accent": "#175fcc", "accentHover": "#175fcc", "navBg": "#14213d", "navBg2": "#14213d", "navText": "#e8edf5",
			"navTextMuted": "#a9b4c6", "background": "#f5f7fa", "text": "#1b2330", "textMuted": "#5b6675", "border": "#d5dbe3",
			"surface1": "#ffffff", "surface2": "#eef1f5", "surface3": "#e3e8ef", "sectionBg": "#eef1f5", "cardBg": "#ffffff",
			"contentBg": "#f5f7fa", "detailBg": "#ffffff", "inputBg": "#ffffff", "rowStripe": "#fafbfc", "rowHover": "#eef4ff",
			"selectedBg": "#dbe8fd", "statusGreen": "#17702f", "statusYellow": "#7d5400", "statusRed": "#b91c26",
		},
		"themeDark": {
			"accent": "#6ea2ff", "accentHover": "#6ea2ff", "navBg": "#0a0f1a", "navBg2": "#0a0f1a", "navText": "#e6edf3",
			"navTextMuted": "#8b97a8", "background": "#0d1117", "text": "#e6edf3", "textMuted": "#9aa6b5", "border": "#30363d",
			"surface1": "#161b22", "surface2": "#1c2330", "surface3": "#242c3a", "sectionBg": "#1c2330", "cardBg": "#161b22",
			"contentBg": "#0d1117", "detailBg": "#161b22", "inputBg": "#161b22", "rowStripe": "#131920", "rowHover": "#1f2937",
			"selectedBg": "#1d3557", "statusGreen": "#3fb950", "statusYellow": "#d29922", "statusRed": "#ff7b72",
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
