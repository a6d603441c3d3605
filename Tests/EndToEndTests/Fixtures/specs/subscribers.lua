-- subscribers.*: list, find, get, precheck, provision, consent_move, wait, update, ensure, remove.
local spec = require("spec")
local subscribers = wholesale.subscribers
local customer = wholesale.customers.find{ externalId = "seed-provisioned" }

spec.eq(spec.count(subscribers.list{ customerId = customer.id }), 3, "seed subscribers of seed-provisioned")
local ann = subscribers.find{ email = "ann.lee@seed-provisioned.example.com" }
spec.eq(ann.customerId, customer.id, "find by email")
spec.eq(subscribers.get(ann.id).email, ann.email, "get by id")

local body = { customerId = customer.id, email = "dee@seed-provisioned.example.com", packages = { "webex_meetings" },
  provisioningParameters = { firstName = "Dee", lastName = "Ray" } }
spec.eq(subscribers.precheck(body).ok, true, "precheck ok")
local dee = subscribers.provision(body)
spec.eq(dee.status, "provisioned", "provisioned at once")
spec.raises(function() subscribers.provision(body) end, { kind = "http", status = 409, code = 10022 }, "one email, one user")

local free = subscribers.provision{ customerId = customer.id, email = "existing-free.eve@seed-provisioned.example.com",
  packages = { "webex_meetings" }, provisioningParameters = { firstName = "Eve", lastName = "Ng" } }
spec.eq(free.status, "pending_user_migration", "a free Webex account must consent first")
spec.eq(subscribers.consent_move(free.id), true, "consent email sent")
spec.eq(subscribers.wait(free.id, { ["until"] = { "provisioned" }, timeout = 600 }).status, "provisioned",
  "wait until the user consented")

local moved = subscribers.update(dee.id, { packages = { "webex_suite" } })
spec.eq(moved.packages[1], "webex_suite", "update the package")

local again, action = subscribers.ensure(body)
spec.eq(action, "updated", "ensure updates a drifted package back")
spec.eq(again.packages[1], "webex_meetings", "the package of the body")
local _, second = subscribers.ensure(body)
spec.eq(second, "unchanged", "ensure is idempotent")
local new, created = subscribers.ensure{ customerId = customer.id, email = "fay@seed-provisioned.example.com",
  packages = { "webex_meetings" }, provisioningParameters = { firstName = "Fay", lastName = "Oh" } }
spec.eq(created, "created", "ensure creates")

spec.eq(subscribers.remove(new.id), true, "remove")
spec.raises(function() subscribers.get(new.id) end, { status = 404, operation = "subscribers.get" }, "a removed subscriber")
local notReady = wholesale.customers.find{ externalId = "seed-error" }
spec.raises(function()
  subscribers.provision{ customerId = notReady.id, email = "gus@x.example.com", packages = { "webex_meetings" },
    provisioningParameters = { firstName = "Gus", lastName = "Ko" } }
end, { kind = "http", status = 400 }, "a subscriber needs a provisioned customer")

spec.done("subscribers")
