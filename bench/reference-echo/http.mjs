// reference-echo, HTTP process: a stock NestJS app that is not DEW's code — the Fastify adapter,
// one route, `ClientProxy.send` over Nest's own NATS transport to echo.mjs. Plain JS, so the
// decorators are applied as functions; nothing here imports DEW's libs.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { decorate, exitWithParent } from './decorate.mjs';

const env = process.env;

class EchoRoute {
  constructor(client) {
    this.client = client;
  }

  echo(body) {
    return firstValueFrom(this.client.send('bench.reference.echo', body));
  }
}
decorate(EchoRoute, { class: [Controller()], params: [Inject('ECHO')], methods: { echo: [Post('echo'), HttpCode(200)] }, methodParams: { echo: [Body()] } });

class HttpModule {}
Module({
  imports: [ClientsModule.register([{ name: 'ECHO', transport: Transport.NATS, options: { servers: env.BENCH_REF_NATS_URL, user: 'bench-ref-http', pass: env.BENCH_REF_NATS_PASS, inboxPrefix: '_INBOX.bench-ref-http' } }])],
  controllers: [EchoRoute],
})(HttpModule);

const app = await NestFactory.create(HttpModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
exitWithParent(() => app.close());
await app.listen(Number(env.BENCH_REF_PORT ?? 0), '127.0.0.1');
process.send?.({ ready: app.getHttpServer().address().port });
