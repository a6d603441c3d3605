local function provision(row)
  error("cannot provision " .. row.name)
end

provision({ name = "acme" })
