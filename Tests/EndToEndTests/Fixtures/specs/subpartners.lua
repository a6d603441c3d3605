-- subpartners.list and on_behalf_of: every call scoped to a sub-partner.
local spec = require("spec")

spec.eq(spec.count(wholesale.subpartners.list()), 3, "sub-partners in the seed data")
local active = wholesale.collect(wholesale.subpartners.list{ provisioningState = "active" })
spec.eq(#active, 2, "active sub-partners")
local suspended = wholesale.collect(wholesale.subpartners.list{ provisioningState = "suspended" })
spec.eq(#suspended, 1, "suspended sub-partners")

local api = wholesale.on_behalf_of(active[1].orgId)
spec.eq(api.orgId, active[1].orgId, "the scope's orgId")
spec.eq(spec.count(api.customers.list()), 2, "the sub-partner's customers only")
spec.eq(api.customers.find{ externalId = "seed-provisioned" }, nil, "the partner's customers are out of scope")
local theirs = api.customers.find{ externalId = "seed-subpartner" }
spec.eq(theirs.status, "provisioned", "a sub-partner customer")
spec.raises(function() wholesale.customers.get(theirs.id) end, { status = 404 }, "not visible without the scope")
spec.eq(api.customers.get(theirs.id).id, theirs.id, "visible with the scope")

local created = api.customers.provision(spec.customer("spec-sub"), { wait = true })
spec.eq(created.status, "provisioned", "provision for the sub-partner")
spec.eq(wholesale.customers.find{ externalId = "spec-sub" }, nil, "created in the sub-partner's scope")
spec.eq(api.customers.find{ externalId = "spec-sub" }.id, created.id, "found in its scope")
local explicit = wholesale.customers.find{ externalId = "spec-sub", onBehalfOfSubPartnerOrgId = active[1].orgId }
spec.eq(explicit.id, created.id, "the option by its API name works too")

local frozen = wholesale.on_behalf_of(suspended[1].orgId)
spec.raises(function() frozen.customers.provision(spec.customer("spec-frozen")) end,
  { kind = "http", status = 403, code = 4030 }, "a suspended sub-partner may not provision")
local refusedScope, message = pcall(wholesale.on_behalf_of, 42)
spec.eq(refusedScope, false, "on_behalf_of needs an orgId string")
spec.yes(tostring(message):find("bad argument #1 to 'wholesale.on_behalf_of'", 1, true), "worded as Lua's own: " .. tostring(message))

spec.done("subpartners")
