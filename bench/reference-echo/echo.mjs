// reference-echo, echo process: a stock Nest microservice on Nest's NATS transport whose one
// `@MessagePattern` handler answers with what it was sent. Not DEW's code.
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { decorate, exitWithParent } from './decorate.mjs';

const env = process.env;

class EchoHandler {
  echo(data) {
    return data;
  }
}
decorate(EchoHandler, { class: [Controller()], methods: { echo: [MessagePattern('bench.reference.echo')] }, methodParams: { echo: [Payload()] } });

class EchoModule {}
Module({ controllers: [EchoHandler] })(EchoModule);

const app = await NestFactory.createMicroservice(EchoModule, {
  transport: Transport.NATS,
  options: { servers: env.BENCH_REF_NATS_URL, user: 'bench-ref-echo', pass: env.BENCH_REF_NATS_PASS },
  logger: ['error', 'warn'],
});
exitWithParent(() => app.close());
await app.listen();
process.send?.({ ready: true });
