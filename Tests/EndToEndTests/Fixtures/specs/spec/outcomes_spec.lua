-- Fixture specs of every outcome: passing, failing, erroring and pending tests.
describe("onboard", function()
  it("onboards every row", function()
    local r = wholesale.test.run("onboard.lua")
    assert.equals(0, r.exit)
    assert.equals("onboarded 2\n", r.stdout)
    assert.matches("sp%-two,provisioned,webex_meetings", r.files["outcomes.csv"])
  end)

  it("shows where tables differ", function()
    assert.same({ customers = { { status = "provisioned" }, { status = "provisioned" } } },
                { customers = { { status = "provisioned" }, { status = "error" } } })
  end)

  it("reports an error that is not an assertion", function()
    local t = nil
    return t.field
  end)

  pending("handles sub-partners")
end)
