-- Prints how many customers carry each crash-NNN externalId, as "externalId count" lines.
local seen = {}
for c in wholesale.customers.list{ max = 100 } do
  if c.externalId:find("^crash%-") then seen[c.externalId] = (seen[c.externalId] or 0) + 1 end
end
local ids = {}
for id in pairs(seen) do ids[#ids + 1] = id end
table.sort(ids)
for _, id in ipairs(ids) do print(id .. " " .. seen[id]) end
