-- Each part of world.json taking effect, printed for the test to compare whole.
local w = wholesale
for c in w.customers.list() do
  local errors = {}
  for _, e in ipairs(c.errors or {}) do errors[#errors + 1] = tostring(e.errorCode) end
  print("customer", c.externalId, c.id, c.status, table.concat(c.packages, ","), table.concat(errors, ","))
end
for c in w.customers.list{ onBehalfOfSubPartnerOrgId = "c3ViLWFjdGl2ZQ" } do print("sub-partner customer", c.externalId) end
for s in w.subscribers.list() do print("subscriber", s.email, s.id, s.status) end
for r in w.billing.list() do print("report", r.id, r.status) end
local function body(template, packages, country)
  local address = { addressLine1 = "9 Rue Test", city = "Paris", country = country }
  local b = { provisioningId = template, externalId = "new-1", packages = packages, address = address,
    customerInfo = { name = "New", primaryEmail = "admin@new-1.example.com" } }
  for _, p in ipairs(packages) do
    if p == "webex_calling" then
      b.provisioningParameters = { calling = { location = { name = "Office", address = address, timezone = "Europe/Paris", language = "fr_fr" } } }
    end
  end
  return b
end
local r = w.customers.precheck(body("dGVtcGxhdGUtbWVldGluZ3M", { "webex_calling" }, "US"))
print("meetings-only template, calling:", r.ok, r.code)
r = w.customers.precheck(body("dGVtcGxhdGUtY2FsbGluZw", { "webex_calling" }, "FR"))
print("calling in FR:", r.ok, r.code)
r = w.customers.precheck(body("dGVtcGxhdGUtY2FsbGluZw", { "webex_meetings" }, "FR"))
print("meetings in FR:", r.ok)
r = w.customers.precheck(body("dW5rbm93bi10ZW1wbGF0ZQ", { "webex_meetings" }, "US"))
print("undeclared template:", r.ok, r.code)
local ok, err = pcall(w.customers.provision, body("dGVtcGxhdGUtbWVldGluZ3M", { "webex_meetings" }, "US"), { onBehalfOfSubPartnerOrgId = "c3ViLXN1c3BlbmRlZA" })
print("suspended sub-partner:", ok, err.status, err.code)
