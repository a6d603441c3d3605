public import WholesaleAPI

/// What the simulator does with a request: answer, or misbehave the way a network can.
public enum SimulatorReply: Sendable {
    /// An HTTP response.
    case response(TransportResponse)
    /// The connection drops without an answer (the request may or may not have been applied:
    /// see `FaultPlan`).
    case reset
    /// No answer for this long, then the connection drops.
    case stall(Duration)

    /// The response, when there is one.
    public var response: TransportResponse? {
        if case .response(let response) = self { return response }
        return nil
    }
}
