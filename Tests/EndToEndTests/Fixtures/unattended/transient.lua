-- One read, not caught: when the API keeps failing, the run ends with the client's error.
print(wholesale.customers.find{ externalId = "seed-provisioned" }.status)
