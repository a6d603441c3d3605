extension Simulator {
    /// Takes `provisioningId` as a template that allows every package (no scenario declared
    /// templates), saying so once per id, with how to declare it.
    func adopt(_ provisioningId: String) {
        let first = adoptedTemplates.withLock { $0.insert(provisioningId).inserted }
        guard first, let notice = configuration.notice else { return }
        notice("the simulator took provisioningId \(provisioningId) as a customer template that allows every package; "
            + "to rehearse with its real packages, declare it in a scenario (templates: [{ provisioningId, name, packages }]) "
            + "and pass --sim-scenario FILE (docs/simulator.md#scenarios)")
    }
}
