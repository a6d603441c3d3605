-- API calls from many coroutines at once: parallel with results and failures.
local spec = require("spec")
local customers = wholesale.customers

local rows = {}
for i = 1, 20 do rows[i] = spec.customer(("spec-par-%02d"):format(i)) end
rows[7] = spec.customer("spec-par-07", { packages = { "nope" } })
local results, failures = wholesale.parallel(rows, function(body)
  local c = customers.provision(body, { wait = true })
  return c.status
end, { concurrency = 6 })
spec.eq(#failures, 1, "one row failed")
spec.eq(failures[1].index, 7, "the failing row's index")
spec.eq(failures[1].error.kind, "validation", "its error table")
spec.eq(results[1], "provisioned", "the others were provisioned")
spec.eq(results[20], "provisioned", "all of them")
local n = 0
for c in customers.list{ max = 5 } do if c.externalId:find("^spec%-par%-") then n = n + 1 end end
spec.eq(n, 19, "each provisioned exactly once")

-- One iterator shared by several coroutines hands each item out once, and all of them.
local shared, counts, handed = customers.list{ max = 3 }, {}, 0
wholesale.parallel({ 1, 2, 3, 4 }, function()
  for c in shared do
    handed = handed + 1
    counts[c.id] = (counts[c.id] or 0) + 1
  end
end)
local once = true
for _, times in pairs(counts) do once = once and times == 1 end
spec.yes(once, "an iterator shared by coroutines hands each item out once")
spec.eq(handed, spec.count(customers.list()), "and hands them all out")

spec.done("parallel")
