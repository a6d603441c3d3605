-- CPU-bound: table building, string formatting and concatenation. Prints its own CPU time
-- in ms (os.clock), so process start-up is not part of the figure.
local start = os.clock()
local rows = {}
for i = 1, 200000 do
  rows[i] = { id = i, name = "customer-" .. i, country = (i % 2 == 0) and "US" or "GB" }
end
local parts, n = {}, 0
for i = 1, #rows, 7 do
  n = n + 1
  parts[n] = string.format("%s:%s", rows[i].name, rows[i].country)
end
assert(#table.concat(parts, ",") > 0)
print((os.clock() - start) * 1000)
