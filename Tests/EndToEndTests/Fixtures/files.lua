local wholesale = require("wholesale")

local outcome = {}
for row in wholesale.csv.read("customers.csv") do
  outcome[#outcome + 1] = { externalId = row.externalId, name = row.name, status = "planned" }
end
wholesale.csv.write("out/outcome.csv", outcome, { "externalId", "name", "status" })
wholesale.json.write("out/outcome.json", { rows = #outcome, first = outcome[1] })
local back = wholesale.json.read("out/outcome.json")
print(back.rows, back.first.name)
local ok, err = pcall(wholesale.csv.read, "/etc/passwd")
print(ok, err.kind)
print(select(2, pcall(wholesale.env, "WEBEX_TOKEN")).message)
