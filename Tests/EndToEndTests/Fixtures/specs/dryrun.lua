-- Run with --dry-run: reads and prechecks go out, changes are planned and answered with stand-ins.
local spec = require("spec")
local customers = wholesale.customers

spec.eq(wholesale.run.dry_run, true, "wholesale.run.dry_run")
spec.eq(spec.count(customers.list()), 4, "reads go out")
spec.eq(customers.precheck(spec.customer("dry-one")).ok, true, "prechecks go out")
local planned = customers.provision(spec.customer("dry-one"))
spec.eq(planned.dryRun, true, "a planned provision is marked")
spec.yes(planned.id:find("^dry%-run:customer:"), "with a stand-in id: " .. planned.id)
spec.eq(customers.wait(planned.id).status, "provisioned", "waiting on a planned customer")
spec.eq(customers.provision(spec.customer("dry-two"), { wait = true }).dryRun, true, "provision with wait")
spec.eq(customers.find{ externalId = "dry-one" }, nil, "nothing was created")
spec.raises(function() customers.provision(spec.customer("dry-bad", { packages = { "nope" } })) end,
  { kind = "validation" }, "planned calls are validated as if sent")
local seedError = customers.find{ externalId = "seed-error" }
spec.eq(customers.update(seedError.id, { packages = { "webex_meetings" } }).dryRun, true, "a planned update")
spec.eq(customers.remove(seedError.id, { wait = true }), true, "a planned remove")
spec.eq(customers.get(seedError.id).dryRun, true, "get answers a planned change with its stand-in")
spec.eq(customers.find{ externalId = "seed-error" }.status, "error", "the customer itself is untouched")
local _, action = customers.ensure(spec.customer("dry-three"))
spec.eq(action, "created", "ensure plans a creation")
local owner = customers.find{ externalId = "seed-provisioned" }
spec.eq(wholesale.subscribers.provision{ customerId = owner.id, email = "dry@seed-provisioned.example.com",
  packages = { "webex_meetings" }, provisioningParameters = { firstName = "D", lastName = "R" } }.dryRun, true, "a planned subscriber")
spec.eq(wholesale.billing.create{ billingStartDate = "2026-01-01", billingEndDate = "2026-01-31", type = "PARTNER" }.dryRun, true,
  "a planned billing report")
-- A planned customer's subscribers: found nowhere, prechecked locally, planned.
local plannedCustomer = customers.provision(spec.customer("dry-four"), { wait = true })
local member = { customerId = plannedCustomer.id, email = "new@dry-four.example.com", packages = { "webex_meetings" },
  provisioningParameters = { firstName = "N", lastName = "W" } }
spec.eq(spec.count(wholesale.subscribers.list{ customerId = plannedCustomer.id }), 0, "a planned customer has no subscribers")
spec.eq(wholesale.subscribers.precheck(member).ok, true, "a planned customer's subscriber is prechecked locally")
local _, memberAction = wholesale.subscribers.ensure(member)
spec.eq(memberAction, "created", "ensure plans the subscriber of a planned customer")
wholesale.state.set("dry", 1)
spec.eq(wholesale.state.get("dry"), 1, "state set in a dry run is seen by the run")

spec.done("dryrun")
