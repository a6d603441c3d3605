-- generate-customers: writes the 300-row customers.csv that bulk-onboard.lua reads.
--
-- It makes no API call; it is a playbook only so that it runs with nothing but wholesale:
--   wholesale run examples/bulk-onboard/generate-customers.lua [--var out=customers.csv] [--var count=300]
-- The rows are the same every time (no randomness), so the committed CSV can be regenerated.
-- Most rows are ordinary customers in eight countries with four package sets; a few use the
-- simulator's triggers so the outcomes vary (docs/simulator.md):
--   every 60th row from row 7    externalId sim-error-...    provisioning ends in `error`
--   every 60th row from row 23   externalId sim-partial-...  `provisioned_with_errors`
--   every 150th row from row 99  externalId sim-rpl-...      `pending_rpl_review`, then provisioned
--   every 100th row from row 50  country AQ with Webex Calling: the precheck refuses (4004)

local wholesale = require("wholesale")

local out = wholesale.args.out or "customers.csv"
local count = tonumber(wholesale.args.count or "300")

local places = {
  { country = "US", city = "Milpitas", state = "CA", zip = "95035", street = "Alder Drive", timezone = "America/Los_Angeles" },
  { country = "GB", city = "Leeds", state = "", zip = "LS1 6HD", street = "Briggate", timezone = "Europe/London" },
  { country = "DE", city = "Berlin", state = "", zip = "10117", street = "Friedrichstrasse", timezone = "Europe/Berlin" },
  { country = "FR", city = "Lyon", state = "", zip = "69002", street = "Rue de la Republique", timezone = "Europe/Paris" },
  { country = "CA", city = "Toronto", state = "ON", zip = "M5V 2T6", street = "King Street West", timezone = "America/Toronto" },
  { country = "AU", city = "Sydney", state = "NSW", zip = "2000", street = "George Street", timezone = "Australia/Sydney" },
  { country = "NL", city = "Utrecht", state = "", zip = "3511", street = "Oudegracht", timezone = "Europe/Amsterdam" },
  { country = "JP", city = "Osaka", state = "", zip = "530-0001", street = "Umeda", timezone = "Asia/Tokyo" },
}
local antarctica = { country = "AQ", city = "McMurdo", state = "", zip = "", street = "Hut Point Road", timezone = "Antarctica/McMurdo" }

local package_sets = {
  "webex_calling webex_meetings",
  "webex_meetings",
  "webex_suite",
  "webex_calling",
  "webex_meetings",
}

local first = { "Northwind", "Bluebird", "Cedar", "Harbor", "Summit", "Maple", "Granite", "Willow", "Falcon", "Orchard", "Riverside", "Copper" }
local second = { "Dental", "Logistics", "Bakery", "Architects", "Clinic", "Motors", "Legal", "Studios", "Foods", "Consulting", "Hotels" }

local rows = {}
for i = 1, count do
  local number = string.format("%04d", i)
  local place = places[(i - 1) % #places + 1]
  local packages = package_sets[(i - 1) % #package_sets + 1]
  local externalId = "bo-" .. number
  if i % 60 == 7 then
    externalId = "sim-error-bo-" .. number
  elseif i % 60 == 23 then
    externalId = "sim-partial-bo-" .. number
    packages = "webex_calling webex_meetings"
  elseif i % 150 == 99 then
    externalId = "sim-rpl-bo-" .. number
  elseif i % 100 == 50 then
    place = antarctica
    packages = "webex_calling webex_meetings"
  end
  local name = first[(i - 1) % #first + 1] .. " " .. second[(i * 7 - 1) % #second + 1] .. " " .. number
  rows[#rows + 1] = {
    externalId = externalId,
    name = name,
    email = "admin@" .. externalId .. ".example.com",
    addressLine1 = tostring(10 + i) .. " " .. place.street,
    city = place.city,
    stateOrProvince = place.state,
    zipOrPostalCode = place.zip,
    country = place.country,
    timezone = place.timezone,
    packages = packages,
  }
end

wholesale.csv.write(out, rows, {
  "externalId", "name", "email", "addressLine1", "city", "stateOrProvince", "zipOrPostalCode", "country", "timezone", "packages",
})
wholesale.log.info("written", { rows = #rows, file = out })
