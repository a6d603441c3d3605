-- billing.*: create (and wait), list, get, remove.
local spec = require("spec")
local billing = wholesale.billing

local report = billing.create({ billingStartDate = "2026-01-01", billingEndDate = "2026-01-31", type = "PARTNER" }, { wait = 600 })
spec.eq(report.status, "COMPLETED", "a past period completes")
spec.yes(report.id, "the report's id")
spec.eq(billing.get(report.id).status, "COMPLETED", "get")
local listed = false
for r in billing.list() do if r.id == report.id then listed = true end end
spec.yes(listed, "listed")
local pending = billing.create{ billingStartDate = "2026-11-01", billingEndDate = "2099-12-31", type = "PARTNER" }
local early = billing.get(pending.id).status
spec.yes(early == "IN_PROGRESS" or early == "FAILED", "created in progress (or already failed, on a fast clock): " .. tostring(early))
spec.eq(billing.wait(pending.id, { timeout = 600 }).status, "FAILED", "a period not yet ended fails")
spec.eq(billing.remove(report.id), true, "remove")
spec.raises(function() billing.get(report.id) end, { kind = "http", status = 404 }, "a removed report")
spec.raises(function() billing.create{ billingStartDate = "yesterday" } end, { kind = "validation" }, "an invalid body")
spec.raises(function() billing.get(pending.id, { verbose = true }) end, { kind = "usage" }, "get takes no options")

spec.done("billing")
