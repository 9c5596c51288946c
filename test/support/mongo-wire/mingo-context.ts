import { Context } from 'mingo';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { bsonTypeQuery } from './bson-type-query';

/**
 * Every mingo operator, with `$type` replaced by the BSON-aware one. mingo's top-level helpers merge
 * their own default context first (and the first registration wins), so the server uses the base
 * `Query`/`Aggregator` classes with this context instead.
 */
export const SERVER_CONTEXT: Context = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: { ...queryOperators, $type: bsonTypeQuery },
  window: windowOperators,
});
