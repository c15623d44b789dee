// Package authority holds local authorities: their DfE and ONS codes, region, child population and
// statistical neighbours, and the authorities.csv file that lists them.
package authority

// Authority is one local authority with children's services responsibilities.
type Authority struct {
	Number     int         // DfE LA number, e.g. 857
	ONSCode    string      // e.g. E06000017
	Name       string      // e.g. Rutland
	Region     string      // e.g. East Midlands
	Population map[int]int // 0–17 population by collection year (mid-year estimate used for that year)
	Neighbours []int       // 10 statistical neighbours, closest first, by DfE number
}
