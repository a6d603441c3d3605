-- A small assertion helper shared by the module specs: each check counts, the first failure
-- raises with the caller's line, and done() prints the count the test looks for.
local spec = { checks = 0 }

local function show(v)
  if type(v) == "string" then return ("%q"):format(v) end
  return tostring(v)
end

function spec.eq(actual, expected, what)
  spec.checks = spec.checks + 1
  if actual ~= expected then
    error(("%s: expected %s, got %s"):format(what, show(expected), show(actual)), 2)
  end
end

function spec.yes(value, what)
  spec.checks = spec.checks + 1
  if not value then error(what .. ": expected a true value, got " .. show(value), 2) end
end

-- Calls fn, which must raise an error table whose fields match `fields`; returns the error.
function spec.raises(fn, fields, what)
  spec.checks = spec.checks + 1
  local ok, err = pcall(fn)
  if ok then error(what .. ": expected an error, got none", 2) end
  if type(err) ~= "table" then error(what .. ": expected an error table, got " .. show(err), 2) end
  for key, value in pairs(fields) do
    if err[key] ~= value then
      error(("%s: error.%s: expected %s, got %s (%s)"):format(what, key, show(value), show(err[key]), tostring(err)), 2)
    end
  end
  return err
end

function spec.count(iterator)
  local n = 0
  for _ in iterator do n = n + 1 end
  return n
end

function spec.done(name)
  print(("%s: %d checks passed"):format(name, spec.checks))
end

-- A valid customer body; `externalId` and `email` make it unique.
function spec.customer(externalId, overrides)
  local address = { addressLine1 = "771 Alder Drive", city = "Milpitas", stateOrProvince = "CA", zipOrPostalCode = "95035", country = "US" }
  local body = {
    provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
    externalId = externalId,
    packages = { "webex_meetings" },
    address = address,
    customerInfo = { name = "Customer " .. externalId, primaryEmail = "admin@" .. externalId .. ".example.com", language = "en" },
  }
  for k, v in pairs(overrides or {}) do body[k] = v end
  return body
end

-- The calling parameters a customer with a calling package needs.
function spec.calling(address)
  return { calling = { location = { name = "Head Office", address = address, timezone = "America/Los_Angeles", language = "en_us" } } }
end

return spec
