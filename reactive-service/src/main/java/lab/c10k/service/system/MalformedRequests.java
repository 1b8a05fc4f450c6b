package lab.c10k.service.system;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.metrics.ServiceMeters;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests that Netty decodes wrongly or not at all never reach WebFlux as they were sent. Netty
 * answers an undecodable one (a malformed request line or header, a line or headers too long) itself,
 * with an empty 400, 414 or 431; and it trims control characters off a method, so {@code GET\x01}
 * would be served as GET. Both get the contract's answer here instead: 400 invalid-request as a
 * problem, with the model header, and the connection closed.
 */
@Component
class MalformedRequests implements NettyServerCustomizer {

	private static final String DETAIL = "Invalid 'request': its request line or headers are malformed or too long";

	private static final Problem PROBLEM = Problem.of(ProblemType.INVALID_REQUEST, DETAIL);

	private final byte[] problem;

	private final String model;

	private final ServiceMeters meters;

	MalformedRequests(JsonMapper json, C10kProperties properties, ServiceMeters meters) {
		this.problem = json.writeValueAsBytes(PROBLEM);
		this.model = properties.model();
		this.meters = meters;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "c10k.malformedRequests", new Guard());
			}
		});
	}

	private FullHttpResponse answer() {
		meters.problem(PROBLEM);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
				Unpooled.wrappedBuffer(problem));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.set(ConcurrencyModelHeaderFilter.HEADER, model);
		return response;
	}

	/** One per connection, on its event loop: sits between Netty's HTTP codec and Reactor Netty. */
	private final class Guard extends ChannelDuplexHandler {

		private boolean refused;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (!refused && msg instanceof HttpRequest request && isDisguised(request.method())) {
				refused = true;
				ctx.writeAndFlush(answer()).addListener(ChannelFutureListener.CLOSE);
			}
			if (refused) {
				ReferenceCountUtil.release(msg);
				return;
			}
			super.channelRead(ctx, msg);
		}

		/** Rewrites only Reactor Netty's own answers to undecodable requests: they lack the model header. */
		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			if (msg instanceof FullHttpResponse response && response.status().code() >= 400
					&& !response.headers().contains(ConcurrencyModelHeaderFilter.HEADER)) {
				response.release();
				super.write(ctx, answer(), promise);
				return;
			}
			super.write(ctx, msg, promise);
		}

		/** A standard method's name on an instance that is not its constant: Netty trimmed something off it. */
		private static boolean isDisguised(HttpMethod method) {
			HttpMethod standard = HttpMethod.valueOf(method.name());
			return standard == HttpMethod.valueOf(method.name()) && standard != method;
		}

	}

}
