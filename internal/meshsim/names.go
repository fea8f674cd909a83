package meshsim

import (
	"fmt"
	"math/rand/v2"

	"github.com/corescope/corescope/internal/meshcore"
)

var (
	placeWords = []string{"Ridge", "Summit", "Harbor", "Mission", "Bayview", "Oak Hill", "Canyon", "Skyline",
		"Peak", "Marina", "Creek", "Hillside", "Twin Pk", "Bridge", "Valley", "Lakeside"}
	personWords = []string{"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan",
		"Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoë"}
	deviceWords = []string{"T-Deck", "T1000", "Heltec", "RAK", "Xiao", "WisMesh", "T-Echo"}
	sensorWords = []string{"Weather", "Soil", "Tank", "Air", "River", "Gate"}
)

// namer hands out short, human-looking node names (all within 32 bytes).
type namer struct{ rng *rand.Rand }

func newNamer(rng *rand.Rand) *namer { return &namer{rng: rng} }

func (n *namer) name(role meshcore.Role, i int) string {
	pick := func(l []string) string { return l[n.rng.IntN(len(l))] }
	switch role {
	case meshcore.RoleRepeater:
		return fmt.Sprintf("%s Rptr %d", pick(placeWords), i)
	case meshcore.RoleRoom:
		return fmt.Sprintf("%s Room %d", pick(placeWords), i)
	case meshcore.RoleSensor:
		return fmt.Sprintf("%s Sensor %d", pick(sensorWords), i)
	}
	return fmt.Sprintf("%s %s %d", pick(personWords), pick(deviceWords), i)
}
