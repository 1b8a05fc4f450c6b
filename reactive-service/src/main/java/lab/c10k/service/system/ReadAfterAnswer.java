package lab.c10k.service.system;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Asks for the next read once an answer has been written. Reactor Netty reads a connection only on demand, and
 * 1.3.6 and 1.3.7 forget to ask again when the queue of pipelined requests drains without starting one (a queued
 * request answered at once, then its trailing content): every later request on that kept-alive connection then
 * waits forever (reactor/reactor-netty#4361, fixed in 1.3.8, which this build cannot take yet: docs/pitfalls.md).
 * The read is queued behind the task that wrote the answer, so it comes after Reactor Netty has drained its
 * queue. A read asked for twice is one read, and Reactor Netty itself reads on and drops whatever a client sends
 * after an answer, so asking on every answer changes nothing else. Remove this with the upgrade:
 * {@code PipeliningConformanceTest} proves the fix either way.
 */
@Component
class ReadAfterAnswer implements NettyServerCustomizer {

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "c10k.readAfterAnswer", new Handler());
			}
		});
	}

	/** Between Netty's HTTP codec and Reactor Netty, on the connection's event loop. */
	private static final class Handler extends ChannelOutboundHandlerAdapter {

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			boolean last = msg instanceof LastHttpContent;
			super.write(ctx, msg, promise);
			if (last) {
				ctx.executor().execute(ctx::read);
			}
		}

	}

}
