-- customers.*: list, find, get, precheck, provision, wait, update, ensure, remove, errors.
local spec = require("spec")
local customers = wholesale.customers

-- list: lazily, page by page, with filters
spec.eq(spec.count(customers.list()), 4, "partner customers in the seed data")
spec.eq(spec.count(customers.list{ max = 1 }), 4, "max is a page size, not a total")
local errored = wholesale.collect(customers.list{ status = "error" })
spec.eq(#errored, 1, "status filter")
spec.eq(errored[1].externalId, "seed-error", "the customer in error")
for c in customers.list{ max = 1 } do spec.yes(c.id, "breaking out of a list early"); break end

-- find and get
local partial = customers.find{ externalId = "seed-partial" }
spec.eq(partial.status, "provisioned_with_errors", "find by externalId")
spec.eq(customers.find{ externalId = "nobody" }, nil, "find with no match")
spec.eq(customers.get(partial.id).externalId, "seed-partial", "get by id")
spec.eq(customers.get(partial.id, { includePackageLicenseInfo = true }).id, partial.id, "get with includePackageLicenseInfo")

-- precheck: a refusal is a result
local body = spec.customer("spec-one")
local check = customers.precheck(body)
spec.eq(check.ok, true, "precheck ok")
spec.eq(check.message, "success", "precheck message")
spec.eq(math.type(check.info[1].infoCode), "integer", "precheck info code stays an integer")
local aq = spec.customer("spec-aq", { packages = { "webex_calling", "webex_meetings" } })
aq.address = { addressLine1 = "1 Ice Road", city = "McMurdo", country = "AQ" }
aq.provisioningId = "c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz"
aq.provisioningParameters = spec.calling(aq.address)
aq.provisioningParameters.calling.location.timezone = "Antarctica/McMurdo"
local refused = customers.precheck(aq)
spec.eq(refused.ok, false, "precheck refused")
spec.eq(refused.code, 4004, "precheck refusal code")
spec.yes(type(refused.trackingId) == "string", "precheck tracking id")

-- provision, then wait
local started = customers.provision(body)
spec.eq(started.status, "provisioning", "provision answers at once")
spec.yes(started.id and started.url, "provision gives id and url")
local done = customers.wait(started.id)
spec.eq(done.status, "provisioned", "wait until provisioned")
spec.eq(done.externalId, "spec-one", "the waited customer")
spec.eq(customers.provision(spec.customer("sim-error-spec"), { wait = true }).status, "error",
  "a provisioning that ends in error is returned, not raised")
spec.eq(customers.provision(spec.customer("sim-partial-spec", {
  provisioningId = "c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz", packages = { "webex_calling" },
  provisioningParameters = spec.calling(body.address) }), { wait = 300 }).status,
  "provisioned_with_errors", "partial provisioning")

-- errors carry the documented fields
local duplicate = spec.raises(function() customers.provision(body) end,
  { kind = "http", status = 409, code = 4009, operation = "customers.provision", retryable = false }, "duplicate externalId")
spec.yes(type(duplicate.trackingId) == "string" and #duplicate.trackingId > 0, "the error's tracking id")
spec.yes(tostring(duplicate):find("customers.provision: HTTP 409 Conflict", 1, true), "tostring is one line: " .. tostring(duplicate))
spec.yes(not tostring(duplicate):find("\n"), "tostring has no line break")
local invalid = spec.raises(function() customers.provision(spec.customer("spec-bad", { address = { addressLine1 = "x", city = "y", country = "UK" } })) end,
  { kind = "validation", operation = "customers.provision" }, "invalid body")
spec.eq(invalid.problems[1].path, "address.country", "problem path")
spec.eq(invalid.problems[1].rule, "country.iso2", "problem rule")
spec.raises(function() customers.list{ externalID = "x" } end, { kind = "usage" }, "a misspelt option")
spec.raises(function() customers.find{ max = 0 } end, { kind = "validation", operation = "customers.find" }, "find names itself")
spec.raises(function() customers.get(spec.missing) end, { kind = "usage" }, "a missing id")
spec.raises(function() customers.get("Y2lzY29zcGFyazovL3VzL0VOVEVSUFJJU0UvMDAwMDAwMDA") end,
  { kind = "http", status = 404, operation = "customers.get" }, "an unknown customer")
local slow = customers.provision(spec.customer("sim-slow-spec"))
spec.raises(function() customers.wait(slow.id, { timeout = 0.01 }) end, { kind = "timeout", operation = "customers.wait" }, "wait times out")

-- update replaces the package list
local updated = customers.update(done.id, { packages = { "webex_meetings", "cx_standard_agent" } }, { wait = true })
spec.eq(updated.status, "provisioned", "update then wait")
spec.eq(#updated.packages, 2, "packages replaced")

-- ensure: created, unchanged, updated
local ensured, action = customers.ensure(spec.customer("spec-ensure"), { wait = true })
spec.eq(action, "created", "ensure creates")
spec.eq(ensured.status, "provisioned", "ensure waits")
local again, second = customers.ensure(spec.customer("spec-ensure"), { wait = true })
spec.eq(second, "unchanged", "ensure leaves an equal customer alone")
spec.eq(again.id, ensured.id, "the same customer")
local changed, third = customers.ensure(spec.customer("spec-ensure", { packages = { "webex_meetings", "cx_standard_agent" } }), { wait = true })
spec.eq(third, "updated", "ensure updates when the packages differ")
spec.eq(#changed.packages, 2, "the new packages")
spec.raises(function() customers.ensure(aq) end, { kind = "http", code = 4004, operation = "customers.ensure" }, "ensure when the precheck refuses")

-- remove, waiting until it is gone
spec.eq(customers.remove(ensured.id, { wait = true }), true, "remove with wait")
spec.raises(function() customers.get(ensured.id) end, { status = 404 }, "a removed customer")
spec.eq(customers.find{ externalId = "spec-ensure" }, nil, "a removed customer is not listed")

spec.done("customers")
