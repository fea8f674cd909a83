// Definitions of figures a reader could count another way; the API's OpenAPI
// descriptions say the same (internal/api/route_definitions.go).

/** RELAY_COUNTS defines a node's relay counts. */
export const RELAY_COUNTS = 'Distinct packets (adverts left out) heard in the last hour / 24 hours whose path carries this node as a hop. '
  + 'Adverts are re-flooded by every repeater, so they say little about the traffic a node carries.';

/** LONGEST_SILENCE defines node analytics' longest silence. */
export const LONGEST_SILENCE = 'Longest gap between two consecutive hours with traffic inside the window; '
  + 'quiet time before the first or after the last active hour is not counted.';

/** UNSCOPED defines the scope statistics' unscoped count. */
export const UNSCOPED = 'Packets without a scope code: transport packets that carry none and every non-transport packet.';

/** HOP_STATS defines the topology hop statistics. */
export const HOP_STATS = 'Over packets heard with at least one hop; the distribution chart still shows zero-hop packets.';
