/// The LuaCATS definitions of the spec API (`wholesale test`), appended to the module's by
/// `wholesale types` so editors complete `describe`, `it`, `assert.*` and `wholesale.test`.
package enum SpecTypes {
    /// The definitions.
    package static let definitions = """

        -- The spec API of `wholesale test` (docs/testing.md): in *_spec.lua files only.

        ---@class wholesale.TestRunOptions
        ---@field args table<string, any>? wholesale.args of the run
        ---@field scenario string|table? a scenario file (relative to the spec) or a table in the scenario format
        ---@field faults string? faults the simulator injects, as for --sim-faults
        ---@field speed number? simulated seconds per real second (default: wholesale test --speed, 1000)
        ---@field dry_run boolean? run with --dry-run
        ---@field files table<string, string>? input files by name (relative to the playbook), e.g. a CSV as a string
        ---@field timeout number? the run's --timeout in seconds (default 60)
        ---@field kill_at { request: integer }? stop the run as SIGKILL would after the N-th request reached the simulator
        ---@field state table? r.state of an earlier run: resume against its simulator and journal
        ---@field sim wholesale.TestSim? a simulator from wholesale.test.sim to run against
        ---@field seed integer? the seed of a new simulator (default: the test's)

        ---@class wholesale.TestLog
        ---@field level "debug"|"info"|"warn"|"error"
        ---@field message string
        ---@field fields table<string, any>

        ---@class wholesale.TestCall
        ---@field operation string
        ---@field method string
        ---@field path string
        ---@field outcome "sent"|"ok"|"failed"|"unknown"|"reconciled"
        ---@field status integer?
        ---@field externalId string?
        ---@field email string?
        ---@field resourceId string?
        ---@field onBehalfOf string?

        ---@class wholesale.TestResult
        ---@field exit integer the exit code a real run would have had (137 when killed by kill_at)
        ---@field stdout string what it printed (and the dry-run plan)
        ---@field stderr string its report: what `wholesale run` prints on stderr at the end
        ---@field logs wholesale.TestLog[]
        ---@field plan table? the dry-run plan, as --plan writes it
        ---@field calls wholesale.TestCall[] the API calls the journal kept
        ---@field files table<string, string> what the playbook wrote, by name relative to its folder
        ---@field state table pass as opts.state to resume

        ---@class wholesale.TestRequest
        ---@field method string
        ---@field path string
        ---@field query table<string, string>
        ---@field status integer 0 when no answer went back (a killed run)
        ---@field operation string?
        ---@field body table?

        ---@class wholesale.TestSim
        ---@field customers fun(filter: table?): table[] the simulator's customers (externalId, status, orgId, onBehalfOf)
        ---@field subscribers fun(filter: table?): table[] its subscribers (customerId, email, externalCustomerId, status, onBehalfOf)
        ---@field requests fun(): wholesale.TestRequest[] every request it received, in order
        ---@field advance fun(seconds: number) moves its clock forward
        ---@field fail_next fun(spec: { operation: string, status: integer, times: integer? }) answers the next calls of an operation with an error

        wholesale.test = {}

        --- Runs a playbook in this process against a simulator and returns what it did.
        ---@param path string the playbook, relative to the spec (or the folder above it)
        ---@param opts wholesale.TestRunOptions?
        ---@return wholesale.TestResult
        function wholesale.test.run(path, opts) end

        --- A simulator the spec controls and runs can share (opts.sim).
        ---@param scenario string|table? a scenario file or table; the seed data when nil
        ---@param opts { speed: number?, seed: integer?, faults: string? }?
        ---@return wholesale.TestSim
        function wholesale.test.sim(scenario, opts) end

        --- A block of tests; blocks nest and their names prefix the tests'.
        ---@param name string
        ---@param fn fun()
        function describe(name, fn) end

        --- A test; without fn it is pending.
        ---@param name string
        ---@param fn fun()?
        function it(name, fn) end

        --- A test not written yet.
        ---@param name string
        function pending(name) end

        --- Runs before each test of the block (and of the blocks inside it).
        ---@param fn fun()
        function before_each(fn) end

        --- Runs after each test of the block, even a failing one.
        ---@param fn fun()
        function after_each(fn) end

        --- Runs once before the block's first test (again after a test timed out).
        ---@param fn fun()
        function setup(fn) end

        --- Runs after the file's last test, for each block set up.
        ---@param fn fun()
        function teardown(fn) end

        ---@class wholesale.Assert
        ---@overload fun(value: any, message: string?): any
        ---@field equals fun(expected: any, actual: any, message: string?)
        ---@field same fun(expected: any, actual: any, message: string?) deep comparison; names the path where they differ
        ---@field is_true fun(value: any, message: string?)
        ---@field is_false fun(value: any, message: string?)
        ---@field is_nil fun(value: any, message: string?)
        ---@field is_not_nil fun(value: any, message: string?)
        ---@field truthy fun(value: any, message: string?)
        ---@field falsy fun(value: any, message: string?)
        ---@field matches fun(pattern: string, actual: any, message: string?)
        ---@field has_error fun(fn: fun(), expected: string?, message: string?)
        assert = {}

        """
}
