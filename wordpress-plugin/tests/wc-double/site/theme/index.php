<?php
/**
 * The only template of the test theme: a minimal page around the main query.
 *
 * @package IotPay\WcDouble
 */

?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo( 'charset' ); ?>">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<?php wp_body_open(); ?>
<main class="site-main">
<?php
if ( have_posts() ) {
	while ( have_posts() ) {
		the_post();
		echo '<article class="' . esc_attr( implode( ' ', get_post_class() ) ) . '"><h1 class="entry-title">' . wp_kses_post( get_the_title() ) . "</h1>\n";
		the_content();
		echo "</article>\n";
	}
} else {
	echo '<h1>' . esc_html__( 'Nothing here', 'wc-double-theme' ) . "</h1>\n";
}
?>
</main>
<?php wp_footer(); ?>
</body>
</html>
