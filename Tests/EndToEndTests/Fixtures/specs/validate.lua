-- validate.*: bodies (every problem at once) and single values.
local spec = require("spec")
local v = wholesale.validate

local ok, problems = v.customer(spec.customer("spec-valid"))
spec.eq(ok, true, "a valid customer")
spec.eq(#problems, 0, "no problems")
ok, problems = v.customer({ externalId = "x", packages = { "webex_meetings", "nope" }, address = { country = "UK" } })
spec.eq(ok, false, "an invalid customer")
spec.yes(#problems >= 3, "every problem at once, not only the first")
local paths = {}
for _, p in ipairs(problems) do paths[p.path] = p.rule end
spec.eq(paths["address.country"], "country.iso2", "a problem names its path and rule")
spec.yes(paths["provisioningId"], "a missing required field")
ok = v.customer({ packages = { "webex_meetings" } }, "update")
spec.eq(ok, true, "an update needs only packages")
spec.eq((v.customer({ address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" } }, "precheck")), true, "a minimal precheck body")
spec.raises(function() v.customer({}, "create") end, { kind = "usage" }, "an unknown use")

ok, problems = v.subscriber({ customerId = "c", email = "not an email", packages = { "webex_calling" } })
spec.eq(ok, false, "an invalid subscriber")
spec.yes(#problems >= 1, "subscriber problems")

spec.eq((v.email("ann@acme.com")), true, "email ok")
local bad, why = v.email("ann@")
spec.eq(bad, false, "email refused")
spec.yes(why:find("not an email", 1, true), "and why")
spec.eq((v.country("US")), true, "country")
spec.eq((v.country("UK")), false, "UK is not ISO 3166-1")
spec.eq((v.timezone("Europe/London")), true, "time zone")
spec.eq((v.timezone("Mars/Olympus")), false, "unknown time zone")
spec.eq((v.language("en_US")), true, "language")
spec.eq((v.language("english")), false, "bad language")
spec.eq((v.phone("+12405551212")), true, "E.164")
spec.eq((v.phone("2405551212")), false, "not E.164")
spec.eq((v.packages({ "webex_calling", "attendant_console" })), true, "a dependency met")
spec.eq((v.packages({ "attendant_console" })), false, "a dependency missing")
spec.eq((v.packages({ "webex_meetings", "webex_meetings" })), false, "a duplicate")
spec.eq((v.packages({ "cx_voice_ports" }, { kind = "subscriber" })), false, "a customer-only package")

spec.done("validate")
