import protobuf from 'protobufjs';

/**
 * The OTLP metrics messages the ingest benchmark sends (opentelemetry-proto v1: collector/metrics, metrics,
 * common, resource), as a protobufjs reflection schema. protobufjs, the usual protobuf library of the JS
 * ecosystem, both encodes the benchmark's protobuf bodies from their OTLP/JSON twins and decodes them in the bare
 * baseline server, so the baseline is a generic decoder rather than the service's own. Field names are the JSON
 * mapping's camelCase names; field numbers are opentelemetry-proto's. Only the gauge and sum data the load carries
 * are declared (protobufjs skips undeclared fields, and the load has no histograms).
 */
const SCHEMA = {
  nested: {
    AnyValue: {
      oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue'] } },
      fields: {
        stringValue: { type: 'string', id: 1 },
        boolValue: { type: 'bool', id: 2 },
        intValue: { type: 'int64', id: 3 },
        doubleValue: { type: 'double', id: 4 },
      },
    },
    KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
    Resource: { fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    InstrumentationScope: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } },
    NumberDataPoint: {
      fields: {
        startTimeUnixNano: { type: 'fixed64', id: 2 },
        timeUnixNano: { type: 'fixed64', id: 3 },
        asDouble: { type: 'double', id: 4 },
        asInt: { type: 'sfixed64', id: 6 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 7 },
      },
    },
    Gauge: { fields: { dataPoints: { rule: 'repeated', type: 'NumberDataPoint', id: 1 } } },
    Sum: {
      fields: {
        dataPoints: { rule: 'repeated', type: 'NumberDataPoint', id: 1 },
        aggregationTemporality: { type: 'int32', id: 2 },
        isMonotonic: { type: 'bool', id: 3 },
      },
    },
    Metric: {
      fields: {
        name: { type: 'string', id: 1 },
        description: { type: 'string', id: 2 },
        unit: { type: 'string', id: 3 },
        gauge: { type: 'Gauge', id: 5 },
        sum: { type: 'Sum', id: 7 },
      },
    },
    ScopeMetrics: {
      fields: { scope: { type: 'InstrumentationScope', id: 1 }, metrics: { rule: 'repeated', type: 'Metric', id: 2 } },
    },
    ResourceMetrics: {
      fields: {
        resource: { type: 'Resource', id: 1 },
        scopeMetrics: { rule: 'repeated', type: 'ScopeMetrics', id: 2 },
      },
    },
    ExportMetricsServiceRequest: { fields: { resourceMetrics: { rule: 'repeated', type: 'ResourceMetrics', id: 1 } } },
  },
};

const requestType = protobuf.Root.fromJSON(SCHEMA).lookupType('ExportMetricsServiceRequest');

/** OTLP/JSON request object → OTLP/protobuf bytes. */
export function encodeMetricsRequest(request: object): Uint8Array {
  return requestType.encode(requestType.fromObject(request)).finish();
}

/** OTLP/protobuf bytes → protobufjs message (what a generic decoder costs; no conversion to plain objects). */
export function decodeMetricsRequest(bytes: Uint8Array): protobuf.Message {
  return requestType.decode(bytes);
}

/** Plain-object view with 64-bit integers as decimal strings, as OTLP/JSON writes them (for cross-checks). */
export function metricsRequestObject(bytes: Uint8Array): Record<string, unknown> {
  return requestType.toObject(requestType.decode(bytes), { longs: String, defaults: false });
}
