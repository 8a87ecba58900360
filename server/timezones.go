package server

// commonZones are the time zones the preferences form suggests (a
// datalist: any name time.LoadLocation knows is accepted). Go has no list
// of the zone database's names; these are the ones most readers pick, one
// or two per region, by UTC offset.
var commonZones = []string{
	"UTC",
	"Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Vancouver", "America/Tijuana",
	"America/Denver", "America/Phoenix", "America/Edmonton", "America/Chicago", "America/Mexico_City",
	"America/Winnipeg", "America/New_York", "America/Toronto", "America/Bogota", "America/Lima",
	"America/Halifax", "America/Caracas", "America/Santiago", "America/St_Johns", "America/Sao_Paulo",
	"America/Argentina/Buenos_Aires", "America/Montevideo", "Atlantic/Azores", "Atlantic/Reykjavik",
	"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Africa/Casablanca", "Africa/Lagos",
	"Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels",
	"Europe/Zurich", "Europe/Vienna", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Warsaw",
	"Europe/Prague", "Europe/Budapest", "Europe/Belgrade", "Africa/Cairo", "Africa/Johannesburg",
	"Europe/Athens", "Europe/Bucharest", "Europe/Helsinki", "Europe/Kyiv", "Europe/Istanbul", "Asia/Jerusalem",
	"Asia/Beirut", "Africa/Nairobi", "Europe/Moscow", "Asia/Riyadh", "Asia/Baghdad", "Asia/Tehran", "Asia/Dubai",
	"Asia/Baku", "Asia/Kabul", "Asia/Karachi", "Asia/Tashkent", "Asia/Kolkata", "Asia/Colombo", "Asia/Kathmandu",
	"Asia/Dhaka", "Asia/Almaty", "Asia/Yangon", "Asia/Bangkok", "Asia/Jakarta", "Asia/Ho_Chi_Minh",
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Manila", "Australia/Perth",
	"Asia/Seoul", "Asia/Tokyo", "Australia/Darwin", "Australia/Adelaide", "Australia/Brisbane",
	"Australia/Sydney", "Australia/Melbourne", "Australia/Hobart", "Pacific/Guam", "Pacific/Noumea",
	"Pacific/Auckland", "Pacific/Fiji", "Pacific/Tongatapu", "Pacific/Kiritimati",
}
