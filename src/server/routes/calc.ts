// POST /api/v1/calc/<name>: the calculators of src/calc, one route each, documented from their schemas.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runCalculator } from '../../calc/calculator.js';
import { CALCULATORS } from '../../calc/index.js';
import { errorBodySchema } from '../errors.js';

export const calcRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const calculator of CALCULATORS) {
    const body = calculator.acceptsArray ? z.union([calculator.input, z.array(calculator.input)]) : calculator.input;
    const response = calculator.acceptsArray ? z.union([calculator.output, z.array(calculator.output)]) : calculator.output;
    r.post(
      `/calc/${calculator.name}`,
      {
        schema: { tags: ['计算 Calculations'], summary: `${calculator.summary.zh} / ${calculator.summary.en}`, body, response: { 200: response, 400: errorBodySchema } },
        // The body schema documents the route; validation happens in runCalculator so that errors name the key
        // and the value exactly as the CLI does.
        validatorCompiler: () => (data) => ({ value: data }),
      },
      async (req, reply) => {
        const result = runCalculator(calculator, req.body);
        if (!result.ok)
          return reply.code(400).send({
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: result.issues.map((i) => i.message).join('；'),
            messageEn: result.issues.map((i) => i.messageEn).join('; '),
            details: result.issues.map((i) => ({ path: i.path, message: i.messageEn })),
          });
        return result.output;
      },
    );
  }
};
