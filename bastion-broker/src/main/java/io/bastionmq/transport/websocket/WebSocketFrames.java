package io.bastionmq.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.List;

/**
 * Unwraps binary WebSocket frames into the MQTT byte stream and wraps outgoing bytes into binary
 * frames. An MQTT packet may span frames and a frame may hold several packets (MQTT-6.0.0-2); the
 * frame decoder after this stage reassembles packets. A text frame closes the connection
 * (MQTT-6.0.0-1).
 */
public final class WebSocketFrames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
    /** Subprotocols accepted in the handshake (MQTT-6.0.0-3, -4): "mqtt", and the 3.1 name. */
    public static final String SUBPROTOCOLS = "mqtt,mqttv3.1";

    /** Adds the HTTP upgrade, the WebSocket protocol handler and this adapter to the pipeline. */
    public static void install(ChannelPipeline p, String path, int maxFrameSize) {
        p.addLast("http", new HttpServerCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(8192));
        p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(SUBPROTOCOLS)
                .maxFramePayloadLength(maxFrameSize)
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .build()));
        p.addLast("http-not-found", NotFound.INSTANCE);
        p.addLast("websocket-frames", new WebSocketFrames());
    }

    /**
     * An HTTP request the WebSocket handler passed on (another path, so no upgrade) gets 404 and
     * the connection closes. Without this stage it reached the MQTT stage and failed there with a
     * ClassCastException logged at WARN, once per request.
     */
    @ChannelHandler.Sharable
    static final class NotFound extends SimpleChannelInboundHandler<FullHttpRequest> {
        static final NotFound INSTANCE = new NotFound();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.NOT_FOUND);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ctx.close(); // MQTT-6.0.0-1: only binary data frames
        }
    }
}
